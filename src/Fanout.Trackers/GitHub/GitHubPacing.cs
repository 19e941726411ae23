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
    /// The earliest moment the next mutating request may start, given the start times of the
    /// content-creating actions before it (oldest first, one entry per action: a batch of ten issues
    /// counts ten), when the last request ended, and any wait GitHub asked for.
    /// </summary>
    /// <param name="weight">The content-creating actions the next request carries (at most <see cref="PerMinute"/>).</param>
    public DateTimeOffset EarliestStart(IReadOnlyList<DateTimeOffset> starts, DateTimeOffset? lastEnd, DateTimeOffset blockedUntil, DateTimeOffset now, int weight = 1)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weight, Math.Min(PerMinute, PerHour));
        var next = Max(now, blockedUntil);
        if (lastEnd is { } end)
        {
            next = Max(next, end + MinInterval);
        }

        // In any window, a request that would take the count over the limit waits until enough of the oldest counted actions have left it.
        next = Max(next, WindowBound(starts, PerMinute, TimeSpan.FromMinutes(1), weight));
        return Max(next, WindowBound(starts, PerHour, TimeSpan.FromHours(1), weight));
    }

    /// <summary>Checks the settings a plan or caller gave; the message names the setting.</summary>
    public void Validate()
    {
        if (MinInterval < TimeSpan.Zero || PerMinute < 1 || PerHour < 1 || MaxConcurrentReads < 1 || MaxAttempts < 1 || MaxWait <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"GitHub pacing out of range: {this}");
        }
    }

    // At most limit - weight earlier actions may remain in the window; the one before those must have left it.
    private static DateTimeOffset WindowBound(IReadOnlyList<DateTimeOffset> starts, int limit, TimeSpan window, int weight) =>
        starts.Count > limit - weight ? starts[^(limit - weight + 1)] + window : DateTimeOffset.MinValue;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
