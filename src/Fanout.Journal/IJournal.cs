namespace Fanout.Journal;

/// <summary>
/// The append-only record of runs. Behind an interface so a shared PostgreSQL store can replace
/// the embedded SQLite one when workers spread over machines.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>Durably appends the event before returning: the next step starts only after this.</summary>
    Task AppendAsync(RunEvent runEvent, CancellationToken cancellationToken);

    /// <summary>The named run, or the most recent one when <paramref name="runId"/> is null, with its lease.</summary>
    Task<RunSnapshot?> LoadRunAsync(string? runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Events appended after <paramref name="afterSeq"/> (0 for all), in order, of one run or of
    /// every run when <paramref name="runId"/> is null: what a follower polls for.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> EventsAfterAsync(string? runId, long afterSeq, CancellationToken cancellationToken);

    /// <summary>Runs, newest first, each with its lease.</summary>
    Task<IReadOnlyList<RunSnapshot>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="lease"/>'s owner still runs <paramref name="runId"/>: the heartbeat
    /// that tells a live run from one whose process is gone. The latest renewal replaces the one before.
    /// </summary>
    Task RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken);
}
