using System.ComponentModel;

using Fanout.Orchestration.Questions;
using Fanout.Orchestration.Session;

using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Fanout.Mcp;

/// <summary>What <c>fanout mcp --task</c> serves one task's agent: where it is, and who it is.</summary>
public sealed record TaskEndpointOptions(string Repository, string RunId, string TaskId)
{
    public TimeSpan AskTimeout { get; init; } = Orchestration.TaskEndpoint.DefaultAskTimeout;
}

/// <summary>
/// <c>fanout mcp --task TASK --run RUN --repo REPO</c>: the per-run endpoint a task agent starts over
/// stdio, with <c>report_progress</c> and <c>ask</c>. It reaches the run through the repository's journal,
/// so it needs no port, no token, and no help from the run's own process (docs/mcp.md).
/// </summary>
public static class TaskEndpointServer
{
    public static async Task RunAsync(FanoutHost host, TaskEndpointOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        await using var session = await FanoutSession.OpenAsync(host, options.Repository, cancellationToken);
        var run = await session.LoadRunAsync(options.RunId, cancellationToken);
        var channel = new TaskChannel(await session.ExistingJournalAsync(cancellationToken), host.Time, run.Id, options.TaskId);
        McpServerTool[] tools =
        [
            McpServerTool.Create(
                async ([Description("What you have done or are doing now, in one short line.")] string text, CancellationToken token) =>
                {
                    await channel.ReportProgressAsync(text, token);
                    return "Reported. Keep going.";
                },
                new McpServerToolCreateOptions { Name = "report_progress", Description = "Tell the Fanout run how far your task has got; the user sees it in the dashboard and in status.", Idempotent = false, ReadOnly = false, OpenWorld = false }),
            McpServerTool.Create(
                async ([Description("The question, self-contained: what you need to know and why.")] string question, CancellationToken token) =>
                {
                    var answer = await channel.AskAsync(question, options.AskTimeout, token);
                    return StdioServer.Text(answer.Answer);
                },
                new McpServerToolCreateOptions { Name = "ask", Description = $"Ask the user (or the main agent) a question and wait for the answer; after {options.AskTimeout.TotalMinutes:0.#} minute(s) without one, the answer is \"{TaskChannel.NoAnswer}\".", OpenWorld = true }),
        ];
        await StdioServer.RunAsync(
            tools,
            [],
            $"You are task '{options.TaskId}' of Fanout run {run.Id}. Report progress with report_progress; ask with ask only when you cannot go on without an answer.",
            null,
            cancellationToken);
    }
}
