using System.Globalization;

namespace Fanout.Plans;

/// <summary>Durations as plans write them: <c>90</c> (seconds), <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>1h30m</c>.</summary>
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
