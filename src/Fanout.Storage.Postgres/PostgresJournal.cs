using Dapper;

using Fanout.Journal;

using Npgsql;

namespace Fanout.Storage.Postgres;

/// <summary>
/// The journal of runs spread over machines: the same events as the SQLite journal, in the shared
/// PostgreSQL database, so the coordinator, every worker and any <c>fanout status</c> read one
/// record. Appends are serialised by an advisory lock held to commit: sequence numbers are then
/// in commit order, and a follower polling for what came after its position never skips an event.
/// </summary>
public sealed class PostgresJournal : IJournal
{
    private readonly PostgresDatabase _database;
    private readonly bool _ownsDatabase;

    private PostgresJournal(PostgresDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public string Description => _database.Description;

    /// <summary>Opens the journal in <paramref name="database"/>, creating Fanout's tables when missing; the caller keeps owning the database.</summary>
    public static async Task<PostgresJournal> OpenAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await PostgresSchema.MigrateAsync(database.Source, database.Description, cancellationToken);
        return new PostgresJournal(database, ownsDatabase: false);
    }

    /// <summary>Opens the journal for a connection string; disposing it closes the connection pool.</summary>
    public static async Task<PostgresJournal> OpenAsync(string connection, CancellationToken cancellationToken)
    {
        var database = PostgresDatabase.Open(connection);
        try
        {
            await PostgresSchema.MigrateAsync(database.Source, database.Description, cancellationToken);
            return new PostgresJournal(database, ownsDatabase: true);
        }
        catch
        {
            await database.DisposeAsync();
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
            PostgresSchema.AppendLock,
        };
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(Command("SELECT pg_advisory_xact_lock(@AppendLock)", row, cancellationToken, transaction));
        await connection.ExecuteAsync(Command(
            "INSERT INTO fanout.events (run_id, task_id, at, kind, json) VALUES (@RunId, @TaskId, @At, @Kind, @Json)",
            row,
            cancellationToken,
            transaction));
        await ProjectAsync(connection, transaction, runEvent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<RunSnapshot?> LoadRunAsync(string? runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
        runId ??= await connection.QueryFirstOrDefaultAsync<string>(Command("SELECT id FROM fanout.runs ORDER BY started_at DESC, listed DESC LIMIT 1", null, cancellationToken));
        return runId is null ? null : await WithLeaseAsync(connection, RunFold.Fold(await EventsAsync(connection, runId, cancellationToken)), cancellationToken);
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
        return await EventsAsync(connection, runId, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> EventsAfterAsync(string? runId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Seq, string Json)>(Command(
            "SELECT seq, json FROM fanout.events WHERE seq > @afterSeq AND (@runId::text IS NULL OR run_id = @runId) ORDER BY seq",
            new { runId, afterSeq },
            cancellationToken));
        return [.. rows.Select(row => new JournalEntry(row.Seq, RunEventJson.Deserialize(row.Json)))];
    }

    public async Task<IReadOnlyList<RunSnapshot>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(Command("SELECT id FROM fanout.runs ORDER BY started_at DESC, listed DESC LIMIT @limit", new { limit }, cancellationToken));
        var runs = new List<RunSnapshot>();
        foreach (var id in ids)
        {
            if (await WithLeaseAsync(connection, RunFold.Fold(await EventsAsync(connection, id, cancellationToken)), cancellationToken) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    public async Task RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO fanout.leases (run_id, host, pid, heard_at) VALUES (@runId, @Host, @Pid, @At)
            ON CONFLICT (run_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, heard_at = excluded.heard_at
            """,
            new { runId, lease.Host, lease.Pid, At = lease.HeardAt.ToUnixTimeMilliseconds() },
            cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<RunEvent>> EventsAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        var json = await connection.QueryAsync<string>(Command("SELECT json FROM fanout.events WHERE run_id = @runId ORDER BY seq", new { runId }, cancellationToken));
        return [.. json.Select(RunEventJson.Deserialize)];
    }

    /// <summary>The runs table follows the events in the same transaction, as the SQLite journal's does.</summary>
    private static Task ProjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunEvent runEvent, CancellationToken cancellationToken) => runEvent switch
    {
        RunStarted e => connection.ExecuteAsync(Command(
            """
            INSERT INTO fanout.runs (id, plan_name, started_at, state) VALUES (@RunId, @PlanName, @At, 'running')
            ON CONFLICT (id) DO UPDATE SET state = 'running', ended_at = NULL, exit_code = NULL
            """,
            new { e.RunId, e.Run.PlanName, At = e.At.ToUnixTimeMilliseconds() },
            cancellationToken,
            transaction)),
        RunFinished e => connection.ExecuteAsync(Command(
            "UPDATE fanout.runs SET ended_at = @At, state = @State, exit_code = @ExitCode WHERE id = @RunId",
            new { e.RunId, At = e.At.ToUnixTimeMilliseconds(), State = e.State.Name(), e.ExitCode },
            cancellationToken,
            transaction)),
        _ => Task.CompletedTask,
    };

    private static async Task<RunSnapshot?> WithLeaseAsync(NpgsqlConnection connection, RunSnapshot? run, CancellationToken cancellationToken)
    {
        if (run is null)
        {
            return null;
        }

        var found = await connection.QueryFirstOrDefaultAsync<(string Host, int Pid, long HeardAt)?>(Command(
            "SELECT host, pid, heard_at FROM fanout.leases WHERE run_id = @Id",
            new { run.Id },
            cancellationToken));
        return found is { } lease ? run with { Lease = new RunLease(lease.Host, lease.Pid, DateTimeOffset.FromUnixTimeMilliseconds(lease.HeardAt)) } : run;
    }

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
