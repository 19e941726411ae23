namespace Fanout.Plans;

/// <summary>Did-you-mean hints for misspelt keys and names.</summary>
public static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="input"/> when it is close enough to be a typo of it, else null.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // Names that differ only in their numbers (task-1, task-7) are different things, not typos.
            if (WithoutDigits(input).Equals(WithoutDigits(candidate), StringComparison.OrdinalIgnoreCase)
                && !input.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());

            // A third of the word may be wrong: catches typos without offering unrelated words.
            if (distance <= Math.Max(1, candidate.Length / 3) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>"; did you mean 'x'?" when a candidate is close, else empty.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } match ? $"; did you mean '{match}'?" : string.Empty;

    private static string WithoutDigits(string text) => string.Concat(text.Where(c => !char.IsAsciiDigit(c)));

    // Levenshtein distance over two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
