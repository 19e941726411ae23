using System.Globalization;

namespace Fanout.Cli.Commands;

/// <summary>
/// Short durations as flags write them: <c>500ms</c>, <c>3s</c>, <c>1.5s</c>, <c>2m</c>, or plain
/// seconds (<c>3</c>, <c>0.25</c>). Plans use <see cref="Plans.Durations"/>, which counts whole seconds;
/// a simulated delay needs less than a second.
/// </summary>
public static class Durations
{
    private static readonly (string Suffix, double Milliseconds)[] Units = [("ms", 1), ("s", 1000), ("m", 60_000)];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var span = text.AsSpan().Trim();
        var unit = 1000.0;
        foreach (var (suffix, milliseconds) in Units)
        {
            if (span.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                span = span[..^suffix.Length];
                unit = milliseconds;
                break;
            }
        }

        // Digits and one decimal point only: no sign, exponent, spaces or thousands separators.
        if (span.IsEmpty || !double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var total = amount * unit;
        if (double.IsNaN(total) || total >= TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
