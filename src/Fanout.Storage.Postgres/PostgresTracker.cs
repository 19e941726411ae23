using System.Text.Json;

using Dapper;

using Fanout.Trackers;

using Npgsql;

namespace Fanout.Storage.Postgres;

/// <summary>
/// The local tracker of runs spread over machines: issues and comments in the shared database,
/// numbered 1, 2, 3… and never reused, as the SQLite one numbers them. Creation is idempotent per
/// run and task under an advisory lock of that pair, so two workers taking up one task make one issue.
/// </summary>
public sealed class PostgresTracker : ITracker
{
    private const string Columns = "number, title, body, labels, state, created_at, closed_at, run_id, task_id";

    private readonly PostgresDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;
    private int _requestCount;

    private PostgresTracker(PostgresDatabase database, bool ownsDatabase, TimeProvider time)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = time;
    }

    /// <summary>The same name as the SQLite tracker: plans say <c>tracker: local</c> whichever store holds it.</summary>
    public string Name => "local";

    public int RequestCount => Volatile.Read(ref _requestCount);

    public string Description => _database.Description;

    /// <summary>Opens the tracker in <paramref name="database"/>, creating Fanout's tables when missing; the caller keeps owning the database.</summary>
    public static async Task<PostgresTracker> OpenAsync(PostgresDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        await PostgresSchema.MigrateAsync(database.Source, database.Description, cancellationToken);
        return new PostgresTracker(database, ownsDatabase: false, time);
    }

    /// <summary>Opens the tracker for a connection string; disposing it closes the connection pool.</summary>
    public static async Task<PostgresTracker> OpenAsync(string connection, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var database = PostgresDatabase.Open(connection);
        try
        {
            await PostgresSchema.MigrateAsync(database.Source, database.Description, cancellationToken);
            return new PostgresTracker(database, ownsDatabase: true, time);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public Task<TrackerIssue> EnsureIssueAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _requestCount);
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            throw new TrackerValidationException($"The issue of task {request.TaskId} needs a title.");
        }

        var body = IssueMarker.AppendTo(request.Body, request.RunId, request.TaskId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                // The pair's own lock first: an insert refused by the unique key would still use up a number.
                await connection.ExecuteAsync(Command("SELECT pg_advisory_xact_lock(hashtext(@RunId), hashtext(@TaskId))", new { request.RunId, request.TaskId }, transaction, cancellationToken));
                if (await FindAsync(connection, "WHERE run_id = @RunId AND task_id = @TaskId", new { request.RunId, request.TaskId }, transaction, cancellationToken) is { } existing)
                {
                    return existing;
                }

                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO fanout.issues (title, body, labels, state, created_at, run_id, task_id)
                    VALUES (@Title, @body, @labels, 'open', @now, @RunId, @TaskId)
                    """,
                    new { request.Title, body, labels = JsonSerializer.Serialize(request.Labels), now = Now(), request.RunId, request.TaskId },
                    transaction,
                    cancellationToken));
                return await FindAsync(connection, "WHERE run_id = @RunId AND task_id = @TaskId", new { request.RunId, request.TaskId }, transaction, cancellationToken)
                    ?? throw new TrackerException($"The issue of run {request.RunId} task {request.TaskId} was not stored.");
            },
            cancellationToken);
    }

    public Task CommentAsync(int number, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        Interlocked.Increment(ref _requestCount);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await RequireAsync(connection, number, transaction, cancellationToken);
                return await AddCommentAsync(connection, number, body, transaction, cancellationToken);
            },
            cancellationToken);
    }

    public Task CloseAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await RequireAsync(connection, number, transaction, cancellationToken);
                if (comment is not null)
                {
                    await AddCommentAsync(connection, number, comment, transaction, cancellationToken);
                }

                // Closing twice keeps the first closing time.
                return await connection.ExecuteAsync(Command(
                    "UPDATE fanout.issues SET state = 'closed', closed_at = @now WHERE number = @number AND state = 'open'",
                    new { number, now = Now() },
                    transaction,
                    cancellationToken));
            },
            cancellationToken);
    }

    public Task ReopenAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await RequireAsync(connection, number, transaction, cancellationToken);
                if (comment is not null)
                {
                    await AddCommentAsync(connection, number, comment, transaction, cancellationToken);
                }

                return await connection.ExecuteAsync(Command(
                    "UPDATE fanout.issues SET state = 'open', closed_at = NULL WHERE number = @number AND state = 'closed'",
                    new { number },
                    transaction,
                    cancellationToken));
            },
            cancellationToken);
    }

    public Task<TrackerIssue?> GetAsync(int number, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return ReadAsync(connection => FindAsync(connection, "WHERE number = @number", new { number }, null, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return ReadAsync<IReadOnlyList<IssueComment>>(
            async connection =>
            {
                await RequireAsync(connection, number, null, cancellationToken);
                var rows = await connection.QueryAsync<(long Id, int Issue, string Body, long CreatedAt)>(Command(
                    "SELECT id, issue_number, body, created_at FROM fanout.comments WHERE issue_number = @number ORDER BY id",
                    new { number },
                    null,
                    cancellationToken));
                return [.. rows.Select(row => new IssueComment(row.Id, row.Issue, row.Body, FromUnix(row.CreatedAt)))];
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return ReadAsync(
            connection => QueryAsync(connection, "WHERE @runId::text IS NULL OR run_id = @runId ORDER BY number DESC", new { runId }, null, cancellationToken),
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private Task<int> AddCommentAsync(NpgsqlConnection connection, int number, string body, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO fanout.comments (issue_number, body, created_at) VALUES (@number, @body, @now)",
            new { number, body, now = Now() },
            transaction,
            cancellationToken));

    private static async Task RequireAsync(NpgsqlConnection connection, int number, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (await FindAsync(connection, "WHERE number = @number", new { number }, transaction, cancellationToken) is null)
        {
            throw new TrackerNotFoundException($"issue #{number} not found in the local tracker");
        }
    }

    private static async Task<TrackerIssue?> FindAsync(NpgsqlConnection connection, string filter, object parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, filter, parameters, transaction, cancellationToken)).SingleOrDefault();

    private static async Task<IReadOnlyList<TrackerIssue>> QueryAsync(NpgsqlConnection connection, string filter, object parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<IssueRow>(Command($"SELECT {Columns} FROM fanout.issues {filter}", parameters, transaction, cancellationToken));
        return [.. rows.Select(row => row.ToIssue())];
    }

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        await ReadAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (NpgsqlException e)
        {
            throw new TrackerException($"The local tracker in {_database.Description} failed: {e.Message}", e);
        }
    }

    /// <summary>One row of the issues table, as Dapper reads it.</summary>
    private sealed record IssueRow(int Number, string Title, string Body, string Labels, string State, long Created_At, long? Closed_At, string? Run_Id, string? Task_Id)
    {
        public TrackerIssue ToIssue() =>
            new(Number, Title, Body, State == "closed" ? IssueState.Closed : IssueState.Open, FromUnix(Created_At))
            {
                Labels = JsonSerializer.Deserialize<string[]>(Labels) ?? [],
                ClosedAt = Closed_At is { } closed ? FromUnix(closed) : null,
                RunId = Run_Id,
                TaskId = Task_Id,
            };
    }
}
