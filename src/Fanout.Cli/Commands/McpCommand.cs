using System.CommandLine;

using Fanout.Core;
using Fanout.Mcp;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Cli.Commands;

/// <summary><c>fanout mcp</c>: the main agent's MCP server, its configuration, or (<c>--task</c>) one task agent's endpoint.</summary>
internal static class McpCommand
{
    public static Command Create(FanoutHost host)
    {
        var repo = CommonOptions.Repo();
        var printConfig = new Option<bool>("--print-config") { Description = "Print what to add to Claude Code's .mcp.json (and the 'claude mcp add' line), then exit" };
        var task = new Option<string?>("--task") { Description = "Serve one task agent of a run: report_progress and ask (the run's agents start this themselves)", HelpName = "TASK" };
        var run = new Option<string?>("--run") { Description = "With --task: the run (default: the latest)", HelpName = "RUN" };
        var askTimeout = new Option<string?>("--ask-timeout") { Description = "With --task: how long ask waits for an answer (e.g. 600, 10m)", HelpName = "DURATION" };
        var command = new Command("mcp", "Serve Fanout over MCP (stdio) to a main agent such as Claude Code: check and run plans, follow runs, read logs and diffs, merge, answer agents")
        {
            repo, printConfig, task, run, askTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(printConfig))
            {
                await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
                await host.Console.Out.WriteAsync(McpConfig.Render(host.Self, session.Paths.Root));
                return ExitCodes.Success;
            }

            if (parse.GetValue(task) is { } taskId)
            {
                var timeout = AskTimeout(parse.GetValue(askTimeout));
                await TaskEndpointServer.RunAsync(host, new TaskEndpointOptions(parse.GetValue(repo) ?? Directory.GetCurrentDirectory(), parse.GetValue(run)!, taskId) { AskTimeout = timeout }, cancellationToken);
                return ExitCodes.Success;
            }

            await MainAgentServer.RunAsync(host, parse.GetValue(repo), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A duration as the plan writes them, or plain seconds as FANOUT_ASK_TIMEOUT holds them.</summary>
    public static TimeSpan AskTimeout(string? text)
    {
        if (text is null)
        {
            return Orchestration.TaskEndpoint.DefaultAskTimeout;
        }

        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return Durations.TryParse(text, out var duration) && duration >= TimeSpan.Zero
            ? duration
            : throw new UserInputException($"--ask-timeout: '{text}' is not a duration; write e.g. 600, 90s or 10m");
    }
}
