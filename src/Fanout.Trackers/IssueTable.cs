using System.Data.Common;
using System.Text.Json;

using Dapper;

using Microsoft.Data.Sqlite;

namespace Fanout.Trackers;

/// <summary>The local tracker's SQL; the caller owns the connection, its gate and its transactions.</summary>
internal sealed class IssueTable(SqliteConnection connection)
{
    private const string Columns = "number, title, body, labels, state, created_at, closed_at, run_id, task_id";

    public async Task<TrackerIssue?> FindAsync(int number, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE number = @number", new { number }, transaction, cancellationToken)).SingleOrDefault();

    public async Task<TrackerIssue?> FindAsync(string runId, string taskId, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE run_id = @runId AND task_id = @taskId", new { runId, taskId }, transaction, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken) =>
        QueryAsync("WHERE @runId IS NULL OR run_id = @runId ORDER BY number DESC", new { runId }, null, cancellationToken);

    /// <summary>Adds the issue unless (run, task) has one already.</summary>
    public Task<int> InsertAsync(IssueRequest request, string body, long now, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO issues (title, body, labels, state, created_at, run_id, task_id)
            VALUES (@Title, @body, @labels, 'open', @now, @RunId, @TaskId)
            ON CONFLICT (run_id, task_id) DO NOTHING
            """,
            new { request.Title, body, labels = JsonSerializer.Serialize(request.Labels), now, request.RunId, request.TaskId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Closing twice keeps the first closing time.</summary>
    public Task<int> CloseAsync(int number, long now, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE issues SET state = 'closed', closed_at = @now WHERE number = @number AND state = 'open'",
            new { number, now },
            transaction,
            cancellationToken: cancellationToken));

    public Task<int> ReopenAsync(int number, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE issues SET state = 'open', closed_at = NULL WHERE number = @number AND state = 'closed'",
            new { number },
            transaction,
            cancellationToken: cancellationToken));

    public Task<int> AddCommentAsync(int number, string body, long now, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO comments (issue_number, body, created_at) VALUES (@number, @body, @now)",
            new { number, body, now },
            transaction,
            cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Id, long Issue, string Body, long CreatedAt)>(new CommandDefinition(
            "SELECT id, issue_number, body, created_at FROM comments WHERE issue_number = @number ORDER BY id",
            new { number },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => new IssueComment(row.Id, (int)row.Issue, row.Body, FromUnix(row.CreatedAt)))];
    }

    private static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static TrackerIssue ToIssue(DbDataReader row) =>
        new((int)row.GetInt64(0), row.GetString(1), row.GetString(2), row.GetString(4) == "closed" ? IssueState.Closed : IssueState.Open, FromUnix(row.GetInt64(5)))
        {
            Labels = JsonSerializer.Deserialize<string[]>(row.GetString(3)) ?? [],
            ClosedAt = row.IsDBNull(6) ? null : FromUnix(row.GetInt64(6)),
            RunId = row.IsDBNull(7) ? null : row.GetString(7),
            TaskId = row.IsDBNull(8) ? null : row.GetString(8),
        };

    private async Task<IReadOnlyList<TrackerIssue>> QueryAsync(string filter, object parameters, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition($"SELECT {Columns} FROM issues {filter}", parameters, transaction, cancellationToken: cancellationToken));
        var issues = new List<TrackerIssue>();
        while (await reader.ReadAsync(cancellationToken))
        {
            issues.Add(ToIssue(reader));
        }

        return issues;
    }
}
