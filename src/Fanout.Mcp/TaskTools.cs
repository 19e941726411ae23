using System.ComponentModel;

using Fanout.Journal;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Questions;

using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Fanout.Mcp;

/// <summary>One task's log and diff, the merge, and the answers to agents' questions.</summary>
internal static class TaskTools
{
    public static IEnumerable<McpServerTool> Create(FanoutTools tools) =>
    [
        McpServerTool.Create(
            ([Description("The task id.")] string task, [Description("The run id (default: the latest run).")] string? run = null, [Description("How many lines from the end (default 200).")] int? lines = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(async () =>
                {
                    await using var session = await tools.SessionAsync(cancellationToken);
                    var snapshot = await session.LoadRunAsync(run, cancellationToken);
                    return StdioServer.Text(await FanoutTools.LogTailAsync(session, snapshot, task, lines ?? 200, cancellationToken));
                }),
            new McpServerToolCreateOptions { Name = "task_log", Description = "The end of a task's log: its setup, agent and test output, as 'fanout logs TASK' prints it.", ReadOnly = true }),
        McpServerTool.Create(
            ([Description("The task id.")] string task, [Description("The run id (default: the latest run).")] string? run = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(async () =>
                {
                    await using var session = await tools.SessionAsync(cancellationToken);
                    var snapshot = await session.LoadRunAsync(run, cancellationToken);
                    var branch = FanoutTools.TaskOf(snapshot, task).Branch ?? throw new Core.UserInputException($"task '{task}' of run {snapshot.Id} has no branch yet");
                    var diff = await session.Git.DiffAsync(snapshot.Info.BaseCommit, branch, cancellationToken);
                    return StdioServer.Text(diff.Length == 0 ? $"{branch} changes nothing since {snapshot.Info.BaseRef}" : diff);
                }),
            new McpServerToolCreateOptions { Name = "task_diff", Description = "What a task's branch changed since the run's base, as a patch.", ReadOnly = true }),
        McpServerTool.Create(
            ([Description("The run id (default: the latest run).")] string? run = null, [Description("Also land the integration branch on this branch when everything merged.")] string? into = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(async () =>
                {
                    await using var session = await tools.SessionAsync(cancellationToken);
                    var (runId, report) = await MergeLauncher.MergeAsync(session, new MergeRequest { RunId = run, Into = into }, null, cancellationToken);
                    return FanoutTools.JsonResult(new
                    {
                        runId,
                        report.Branch,
                        report.Head,
                        report.Merged,
                        notMerged = report.NotMerged.Select(n => new { task = n.Task, reason = n.Reason }),
                        tests = report.Tests is { } t ? new { t.Passed, t.Command, t.ExitCode } : null,
                        report.Into,
                        report.IntoRefused,
                        report.Error,
                        report.Succeeded,
                    });
                }),
            new McpServerToolCreateOptions { Name = "merge", Description = "Merge the run's succeeded tasks in dependency order into fanout/<run>/integration (as 'fanout merge'), optionally landing it on another branch.", Destructive = false }),
        McpServerTool.Create(
            ([Description("The run id (default: the latest run).")] string? run = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(async () =>
                {
                    await using var session = await tools.SessionAsync(cancellationToken);
                    var snapshot = await session.LoadRunAsync(run, cancellationToken);
                    var now = session.Time.GetUtcNow();
                    return FanoutTools.JsonResult(new
                    {
                        runId = snapshot.Id,
                        questions = Answers.Open(snapshot).Select(q => new { task = q.Task.Id, question = q.Question.Text, waitingSeconds = Math.Round((now - q.Question.AskedAt).TotalSeconds, 1) }),
                    });
                }),
            new McpServerToolCreateOptions { Name = "open_questions", Description = "The questions task agents are waiting on, oldest first.", ReadOnly = true }),
        McpServerTool.Create(
            ([Description("The task whose agent asked.")] string task, [Description("The answer the agent gets.")] string answer, [Description("The run id (default: the latest run).")] string? run = null, CancellationToken cancellationToken = default) =>
                FanoutTools.GuardAsync(async () =>
                {
                    await using var session = await tools.SessionAsync(cancellationToken);
                    var snapshot = await session.LoadRunAsync(run, cancellationToken);
                    var question = await Answers.AnswerAsync(await session.JournalAsync(cancellationToken), session.Time, snapshot, task, answer, AnswerSource.MainAgent, cancellationToken);
                    return StdioServer.Text($"Answered {task}'s question \"{question.Text}\".");
                }),
            new McpServerToolCreateOptions { Name = "answer", Description = "Answer the question a task's agent is waiting on (see open_questions); the agent goes on with the answer." }),
    ];
}
