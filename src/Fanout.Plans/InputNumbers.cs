using System.Globalization;

using Fanout.Core;

namespace Fanout.Plans;

/// <summary>
/// A whole number a user writes, as a flag or a plan key, and the range it must lie in. Every
/// refusal is one line naming the option or key, what it got and the range, for flags and plans alike.
/// </summary>
public sealed record WholeNumberRule(string Name, long Min, long Max)
{
    /// <summary>Null when <paramref name="text"/> is a whole number in range (then in <paramref name="value"/>); else the one-line refusal.</summary>
    public string? Check(string text, out long value)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= Min && value <= Max)
        {
            return null;
        }

        value = default;
        return $"{Name} must be a whole number from {Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)}, not '{InputText.Shown(text)}'";
    }

    /// <exception cref="UserInputException">Not a whole number in range; the message is <see cref="Check"/>'s.</exception>
    public long Parse(string text) => Check(text, out var value) is { } problem ? throw new UserInputException(problem) : value;
}

/// <summary>A duration a user writes (<see cref="Durations"/>) and the range it must lie in.</summary>
public sealed record DurationRule(string Name, TimeSpan Min, TimeSpan Max)
{
    public string? Check(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Durations.TryParse(text, out value) && value >= Min && value <= Max)
        {
            return null;
        }

        value = default;
        return $"{Name} must be a duration from {InputNumbers.Format(Min)} to {InputNumbers.Format(Max)} (such as 90, 30s, 10m, 1h30m or 500ms), not '{InputText.Shown(text)}'";
    }

    /// <exception cref="UserInputException">Not a duration in range; the message is <see cref="Check"/>'s.</exception>
    public TimeSpan Parse(string text) => Check(text, out var value) is { } problem ? throw new UserInputException(problem) : value;
}

/// <summary>The ranges flags and plans share, and how a refused value is shown.</summary>
public static class InputNumbers
{
    /// <summary>More task workers at once than any machine runs agents for; a bound, so a typo is not a fork bomb.</summary>
    public const int MaxParallel = 1000;

    /// <summary>The longest an agent may be given: a day.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromHours(24);

    /// <summary>A duration the way plans write it: 0s, 500ms, 90s, 10m, 24h.</summary>
    public static string Format(TimeSpan span)
    {
        if (span.TotalSeconds < 1 && span > TimeSpan.Zero)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0}ms");
        }

        var seconds = (long)span.TotalSeconds;
        return seconds % 3600 == 0 && seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h")
            : seconds % 60 == 0 && seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
    }
}
