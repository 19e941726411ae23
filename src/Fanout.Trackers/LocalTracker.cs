using Fanout.Storage;

using Microsoft.Data.Sqlite;

namespace Fanout.Trackers;

/// <summary>
/// The embedded default tracker: issues and comments in a SQLite file (WAL) under .git/fanout/,
/// numbered 1, 2, 3… and never reused. Several processes may open the same file at once.
/// </summary>
public sealed class LocalTracker : ITracker
{
    private readonly SqliteConnection _connection;
    private readonly IssueTable _issues;
    private readonly TimeProvider _time;

    // A connection serves one caller at a time; other processes are kept in step by SQLite's locks.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _requestCount;

    private LocalTracker(string file, SqliteConnection connection, TimeProvider time)
    {
        File = file;
        _connection = connection;
        _issues = new IssueTable(connection);
        _time = time;
    }

    public string Name => "local";

    public int RequestCount => Volatile.Read(ref _requestCount);

    public string File { get; }

    /// <summary>Opens the tracker, creating its folder, file and tables when missing.</summary>
    public static async Task<LocalTracker> OpenAsync(string file, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(time);
        var connection = await SqliteDatabase.OpenAsync(file, cancellationToken);
        try
        {
            await LocalTrackerSchema.MigrateAsync(connection, cancellationToken);
            return new LocalTracker(Path.GetFullPath(file), connection, time);
        }
        catch
        {
            await connection.DisposeAsync();
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
            async transaction =>
            {
                // Looking first keeps numbers gapless: an insert refused by the UNIQUE constraint may still use one up.
                if (await _issues.FindAsync(request.RunId, request.TaskId, transaction, cancellationToken) is { } existing)
                {
                    return existing;
                }

                await _issues.InsertAsync(request, body, Now(), transaction, cancellationToken);
                return await _issues.FindAsync(request.RunId, request.TaskId, transaction, cancellationToken)
                    ?? throw new TrackerException($"The issue of run {request.RunId} task {request.TaskId} was not stored.");
            },
            cancellationToken);
    }

    public Task CommentAsync(int number, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        Interlocked.Increment(ref _requestCount);
        return WriteAsync(
            async transaction =>
            {
                await RequireAsync(number, transaction, cancellationToken);
                return await _issues.AddCommentAsync(number, body, Now(), transaction, cancellationToken);
            },
            cancellationToken);
    }

    public Task CloseAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return WriteAsync(
            async transaction =>
            {
                await RequireAsync(number, transaction, cancellationToken);
                if (comment is not null)
                {
                    await _issues.AddCommentAsync(number, comment, Now(), transaction, cancellationToken);
                }

                return await _issues.CloseAsync(number, Now(), transaction, cancellationToken);
            },
            cancellationToken);
    }

    public Task ReopenAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return WriteAsync(
            async transaction =>
            {
                await RequireAsync(number, transaction, cancellationToken);
                if (comment is not null)
                {
                    await _issues.AddCommentAsync(number, comment, Now(), transaction, cancellationToken);
                }

                return await _issues.ReopenAsync(number, transaction, cancellationToken);
            },
            cancellationToken);
    }

    public Task<TrackerIssue?> GetAsync(int number, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return GuardAsync(() => _issues.FindAsync(number, null, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return GuardAsync(
            async () =>
            {
                // Issues are never deleted, so the check and the read need no common transaction.
                await RequireAsync(number, null, cancellationToken);
                return await _issues.CommentsAsync(number, cancellationToken);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return GuardAsync(() => _issues.ListAsync(runId, cancellationToken), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task RequireAsync(int number, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        if (await _issues.FindAsync(number, transaction, cancellationToken) is null)
        {
            throw new TrackerNotFoundException($"issue #{number} not found in the local tracker");
        }
    }

    // IMMEDIATE takes the write lock up front, so a busy file is retried as a whole transaction.
    private Task<T> WriteAsync<T>(Func<SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        GuardAsync(
            async () =>
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                var result = await work(transaction);
                transaction.Commit();
                return result;
            },
            cancellationToken);

    private async Task<T> GuardAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await SqliteDatabase.RetryAsync(work, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new TrackerException($"The local tracker {File} failed: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }
}
