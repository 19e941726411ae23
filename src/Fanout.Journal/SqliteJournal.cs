using Dapper;

using Fanout.Storage;

using Microsoft.Data.Sqlite;

namespace Fanout.Journal;

/// <summary>
/// The embedded journal: one SQLite file (WAL) that every fanout process of a repository may open
/// at once. The events table is the truth; the runs table is a projection kept for listing.
/// </summary>
public sealed class SqliteJournal : IJournal
{
    // A connection serves one caller at a time; workers append while a watcher reads. The writer is
    // opened on the first append, so the commands that only read open one connection, not two.
    private readonly SqliteConnection _reader;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private SqliteConnection? _writer;

    private SqliteJournal(string file, SqliteConnection reader)
    {
        File = file;
        _reader = reader;
    }

    public string File { get; }

    /// <summary>Opens the journal, creating its folder, file and tables when missing.</summary>
    public static async Task<SqliteJournal> OpenAsync(string file, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var reader = await SqliteDatabase.OpenAsync(file, cancellationToken);
        try
        {
            await JournalSchema.MigrateAsync(reader, cancellationToken);
            return new SqliteJournal(Path.GetFullPath(file), reader);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public async Task AppendAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var row = new
        {
            runEvent.RunId,
            TaskId = (runEvent as TaskEvent)?.TaskId,
            At = runEvent.At.ToUnixTimeMilliseconds(),
            Kind = RunEventJson.KindOf(runEvent),
            Json = RunEventJson.Serialize(runEvent),
        };
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var writer = await WriterAsync(cancellationToken);
            await SqliteDatabase.RetryAsync(
                async () =>
                {
                    using var transaction = writer.BeginTransaction(deferred: false);
                    await writer.ExecuteAsync(
                        "INSERT INTO events (run_id, task_id, at, kind, json) VALUES (@RunId, @TaskId, @At, @Kind, @Json)",
                        row,
                        transaction);
                    await RunsProjection.ApplyAsync(writer, transaction, runEvent);
                    transaction.Commit();
                    return 0;
                },
                cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<RunSnapshot?> LoadRunAsync(string? runId, CancellationToken cancellationToken)
    {
        runId ??= await ReadAsync(
            reader => SqliteDatabase.ScalarAsync<string>(reader, null, "SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1", cancellationToken),
            cancellationToken);
        return runId is null ? null : await WithLeaseAsync(RunFold.Fold(await EventsAsync(runId, cancellationToken)), cancellationToken);
    }

    public async Task RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(lease);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var writer = await WriterAsync(cancellationToken);
            await SqliteDatabase.RetryAsync(
                () => writer.ExecuteAsync(
                    """
                    INSERT INTO leases (run_id, host, pid, heard_at) VALUES (@runId, @Host, @Pid, @At)
                    ON CONFLICT (run_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, heard_at = excluded.heard_at
                    """,
                    new { runId, lease.Host, lease.Pid, At = lease.HeardAt.ToUnixTimeMilliseconds() }),
                cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);

        // Only the run asked for, read with the provider alone: status, logs and report read one run.
        return ReadAsync<IReadOnlyList<RunEvent>>(
            async reader =>
            {
                await using var command = SqliteDatabase.Command(reader, null, "SELECT json FROM events WHERE run_id = @runId ORDER BY seq", ("@runId", runId));
                await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                var events = new List<RunEvent>();
                while (await rows.ReadAsync(cancellationToken))
                {
                    events.Add(RunEventReader.Read(rows.GetString(0)));
                }

                return events;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> EventsAfterAsync(string? runId, long afterSeq, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            reader => reader.QueryAsync<(long Seq, string Json)>(Command(
                "SELECT seq, json FROM events WHERE seq > @afterSeq AND (@runId IS NULL OR run_id = @runId) ORDER BY seq",
                new { runId, afterSeq },
                cancellationToken)),
            cancellationToken);
        return [.. rows.Select(row => new JournalEntry(row.Seq, RunEventReader.Read(row.Json)))];
    }

    public async Task<IReadOnlyList<RunSnapshot>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var ids = await ReadAsync(
            reader => reader.QueryAsync<string>(Command("SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT @limit", new { limit }, cancellationToken)),
            cancellationToken);
        var runs = new List<RunSnapshot>();
        foreach (var id in ids)
        {
            if (await WithLeaseAsync(RunFold.Fold(await EventsAsync(id, cancellationToken)), cancellationToken) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        await _reader.DisposeAsync();
        _writeGate.Dispose();
        _readGate.Dispose();
    }

    private async Task<RunSnapshot?> WithLeaseAsync(RunSnapshot? run, CancellationToken cancellationToken)
    {
        if (run is null)
        {
            return null;
        }

        // Read with the provider alone, like the run's events: status reads a run's lease every time.
        var found = await ReadAsync(
            async reader =>
            {
                await using var command = SqliteDatabase.Command(reader, null, "SELECT host, pid, heard_at FROM leases WHERE run_id = @id", ("@id", run.Id));
                await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                return await rows.ReadAsync(cancellationToken) ? new LeaseRow(rows.GetString(0), rows.GetInt64(1), rows.GetInt64(2)) : null;
            },
            cancellationToken);
        if (found is null)
        {
            return run;
        }

        return run with { Lease = new RunLease(found.Host, (int)found.Pid, DateTimeOffset.FromUnixTimeMilliseconds(found.HeardAt)) };
    }

    // Called under the write gate.
    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken) =>
        _writer ??= await SqliteDatabase.OpenAsync(File, cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken);
        try
        {
            return await SqliteDatabase.RetryAsync(() => query(_reader), cancellationToken);
        }
        finally
        {
            _readGate.Release();
        }
    }
}

/// <summary>One row of the leases table.</summary>
internal sealed record LeaseRow(string Host, long Pid, long HeardAt);
