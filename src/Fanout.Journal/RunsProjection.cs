using Dapper;

using Microsoft.Data.Sqlite;

namespace Fanout.Journal;

/// <summary>Keeps the runs table in step with the events, inside the transaction that appends them.</summary>
internal static class RunsProjection
{
    public static Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, RunEvent runEvent) => runEvent switch
    {
        // A resumed run starts again: live, but listed by its first start.
        RunStarted e => connection.ExecuteAsync(
            """
            INSERT INTO runs (id, plan_name, started_at, state) VALUES (@RunId, @PlanName, @At, 'running')
            ON CONFLICT (id) DO UPDATE SET state = 'running', ended_at = NULL, exit_code = NULL
            """,
            new { e.RunId, e.Run.PlanName, At = e.At.ToUnixTimeMilliseconds() },
            transaction),
        RunFinished e => connection.ExecuteAsync(
            "UPDATE runs SET ended_at = @At, state = @State, exit_code = @ExitCode WHERE id = @RunId",
            new { e.RunId, At = e.At.ToUnixTimeMilliseconds(), State = e.State.Name(), e.ExitCode },
            transaction),
        _ => Task.CompletedTask,
    };
}
