using Dapper;

namespace Fanout.Storage.Postgres;

/// <summary>
/// Which worker works on which task now. Hangfire hands a job to one worker at a time and gives a
/// dead worker's job to another once its invisibility timeout passes; the claim is Fanout's own
/// check on top: a worker takes a task only when no other worker has renewed its claim within
/// <c>stale</c>, so a slow worker's job delivered twice is never worked twice. Times are the
/// database server's, so machines whose clocks disagree still agree on who holds a task.
/// </summary>
public sealed class PostgresTaskClaims(PostgresDatabase database)
{
    /// <summary>Takes (or renews) the task for <paramref name="worker"/>; false when another worker holds a claim fresher than <paramref name="stale"/>.</summary>
    public async Task<bool> TryClaimAsync(string runId, string taskId, string worker, TimeSpan stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        var holder = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            """
            INSERT INTO fanout.task_claims (run_id, task_id, worker, heard_at) VALUES (@runId, @taskId, @worker, now())
            ON CONFLICT (run_id, task_id) DO UPDATE SET worker = excluded.worker, heard_at = excluded.heard_at
            WHERE fanout.task_claims.worker = excluded.worker OR fanout.task_claims.heard_at < now() - make_interval(secs => @seconds)
            RETURNING worker
            """,
            new { runId, taskId, worker, seconds = stale.TotalSeconds },
            cancellationToken: cancellationToken));
        return holder == worker;
    }

    /// <summary>The worker holding the task's claim, and how many seconds ago it last renewed it; null when nobody claims it.</summary>
    public async Task<(string Worker, double Age)?> HolderAsync(string runId, string taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<(string, double)?>(new CommandDefinition(
            "SELECT worker, extract(epoch FROM now() - heard_at)::float8 FROM fanout.task_claims WHERE run_id = @runId AND task_id = @taskId",
            new { runId, taskId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Gives the task up (it finished, or its worker stops); only the holder's own claim is removed.</summary>
    public async Task ReleaseAsync(string runId, string taskId, string worker, CancellationToken cancellationToken)
    {
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM fanout.task_claims WHERE run_id = @runId AND task_id = @taskId AND worker = @worker",
            new { runId, taskId, worker },
            cancellationToken: cancellationToken));
    }
}
