using Fanout.Orchestration.Session;

namespace Fanout.Mcp;

/// <summary>
/// <c>fanout mcp</c>: the MCP server (stdio) through which a main agent such as Claude Code drives
/// Fanout in one repository: check a plan, start a run of it (or of tasks given inline, or of a goal),
/// follow it, read a task's log and diff, retry, merge, and answer the agents' questions.
/// Runs it starts live in this process: they end when the client closes the server.
/// </summary>
public static class MainAgentServer
{
    private const string Instructions =
        "Fanout runs coding tasks in parallel, each in its own git worktree with its own agent. " +
        "check_plan a plan, start_run it (or give tasks inline, or a goal for a planning agent), then follow_run until it ends. " +
        "While it runs, open_questions lists what task agents are waiting on; answer them. " +
        "Read task_log and task_diff of a task; merge the run when its tasks succeeded.";

    public static async Task RunAsync(FanoutHost host, string? repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var tools = new FanoutTools(host, repository);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = new RunTools(tools, stopping.Token);
        await StdioServer.RunAsync(
            [.. runs.Create(), .. TaskTools.Create(tools)],
            Resources.Create(tools),
            Instructions,
            server =>
            {
                runs.Server = server;
                return Task.CompletedTask;
            },
            cancellationToken);

        // The client is gone: its runs are cancelled, and journal how they ended before the process exits.
        await stopping.CancelAsync();
        await runs.AllAsync();
    }
}
