namespace Fanout.Journal.Tests;

/// <summary>A journal that is not SQLite: what another store must serve for a follower, and no more.</summary>
internal sealed class MemoryJournal : IJournal
{
    private readonly List<JournalEntry> _entries = [];

    public Task AppendAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add(new JournalEntry(_entries.Count + 1, runEvent));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> EventsAfterAsync(string? runId, long afterSeq, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            return Task.FromResult<IReadOnlyList<JournalEntry>>([.. _entries.Where(e => e.Seq > afterSeq && (runId is null || e.Event.RunId == runId))]);
        }
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken) =>
        [.. (await EventsAfterAsync(runId, 0, cancellationToken)).Select(e => e.Event)];

    public async Task<RunSnapshot?> LoadRunAsync(string? runId, CancellationToken cancellationToken) =>
        runId is null ? null : RunFold.Fold(await EventsAsync(runId, cancellationToken));

    public Task<IReadOnlyList<RunSnapshot>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A follower does not list runs.");

    public Task RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
