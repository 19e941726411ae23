namespace Fanout.Distributed;

/// <summary>
/// The figures that decide how fast a dead worker's task is taken up, and what a live one costs the
/// database. Written down in docs/distributed.md; change them together.
/// </summary>
public static class DistributedTiming
{
    /// <summary>
    /// Hangfire's invisibility timeout: a live worker keeps renewing the job it fetched (the sliding
    /// timeout), so only a job whose worker stopped renewing it (killed, machine lost) is handed to
    /// another worker, this long after the last renewal.
    /// </summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle worker asks the queue for work, besides being woken by PostgreSQL's NOTIFY when a job is enqueued.</summary>
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often the worker on a task renews its claim on it.</summary>
    public static readonly TimeSpan ClaimRenewInterval = TimeSpan.FromSeconds(2);

    /// <summary>A claim not renewed for this long belongs to a worker that is gone; shorter than <see cref="InvisibilityTimeout"/>, so a job handed on finds it stale.</summary>
    public static readonly TimeSpan ClaimStale = TimeSpan.FromSeconds(10);

    /// <summary>How often the coordinator reads the journal for what the workers did.</summary>
    public static readonly TimeSpan CoordinatorPoll = TimeSpan.FromMilliseconds(250);
}
