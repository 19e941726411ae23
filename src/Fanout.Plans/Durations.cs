using System.Globalization;

namespace Fanout.Plans;

/// <summary>
/// Durations as plans and flags write them: <c>90</c> (seconds), <c>30s</c>, <c>10m</c>, <c>1h</c>,
/// <c>1h30m</c>, and for short ones <c>500ms</c>, <c>1.5s</c>, <c>0.25</c>.
/// </summary>
public static class Durations
{
    private const string Units = "hms";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            value = TimeSpan.FromSeconds(bare);
            return true;
        }

        if (span.EndsWith("ms", StringComparison.Ordinal))
        {
            var parsed = int.TryParse(span[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds);
            value = TimeSpan.FromMilliseconds(milliseconds);
            return parsed;
        }

        if (span.Contains('.'))
        {
            // Fractions only of plain seconds: "1.5s" or "0.25"; "1.5m" would hide a rounding question.
            var number = span.EndsWith("s", StringComparison.Ordinal) ? span[..^1] : span;
            var parsed = double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction) && fraction < int.MaxValue;
            value = parsed ? TimeSpan.FromSeconds(fraction) : default;
            return parsed;
        }

        long seconds = 0;
        var lastUnit = -1;
        var i = 0;
        while (i < span.Length)
        {
            var start = i;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
            }

            // Units must come largest first and at most once, so "30m1h" or "5m5m" is a typo, not a sum.
            var unit = i < span.Length ? Units.IndexOf(span[i], StringComparison.Ordinal) : -1;
            if (i == start || unit <= lastUnit
                || !int.TryParse(span[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            seconds += amount * unit switch { 0 => 3600L, 1 => 60L, _ => 1L };
            lastUnit = unit;
            i++;
        }

        if (seconds > int.MaxValue)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
