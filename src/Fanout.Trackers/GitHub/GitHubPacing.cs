namespace Fanout.Trackers.GitHub;

/// <summary>
/// How hard Fanout may push GitHub. The defaults are GitHub's documented secondary limits for
/// content-creating requests: one at a time, a second apart, 80 a minute, 500 an hour.
/// </summary>
public sealed record GitHubPacing
{
    public static GitHubPacing Default { get; } = new();

    /// <summary>The least time from one mutating request's end to the next one's start.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int PerMinute { get; init; } = 80;

    public int PerHour { get; init; } = 500;

    /// <summary>Reads may overlap, but only this many at once.</summary>
    public int MaxConcurrentReads { get; init; } = 4;

    /// <summary>Attempts per request, the first included, before a retryable failure is reported.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The longest a single wait for GitHub may be; a longer one is reported as rate limited instead.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A request with no answer by then is treated as lost (and, if it mutates, as maybe done).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The earliest moment the next mutating request may start, given the start times of the ones
    /// before it (oldest first), when the last one ended, and any wait GitHub asked for.
    /// </summary>
    public DateTimeOffset EarliestStart(IReadOnlyList<DateTimeOffset> starts, DateTimeOffset? lastEnd, DateTimeOffset blockedUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(starts);
        var next = Max(now, blockedUntil);
        if (lastEnd is { } end)
        {
            next = Max(next, end + MinInterval);
        }

        // In any window, the request that would be one too many must wait until the oldest counted one leaves it.
        next = Max(next, WindowBound(starts, PerMinute, TimeSpan.FromMinutes(1)));
        return Max(next, WindowBound(starts, PerHour, TimeSpan.FromHours(1)));
    }

    /// <summary>Checks the settings a plan or caller gave; the message names the setting.</summary>
    public void Validate()
    {
        if (MinInterval < TimeSpan.Zero || PerMinute < 1 || PerHour < 1 || MaxConcurrentReads < 1 || MaxAttempts < 1 || MaxWait <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"GitHub pacing out of range: {this}");
        }
    }

    private static DateTimeOffset WindowBound(IReadOnlyList<DateTimeOffset> starts, int limit, TimeSpan window) =>
        starts.Count >= limit ? starts[^limit] + window : DateTimeOffset.MinValue;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
