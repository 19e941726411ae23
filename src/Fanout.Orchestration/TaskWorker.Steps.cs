using Fanout.Agents;
using Fanout.Journal;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

public sealed partial class TaskWorker
{
    private Workspace Workspace => task.Workspace ?? throw new InvalidOperationException($"task {Id} has no workspace");

    private string LogFile => run.Paths.LogFile(run.RunId, Id);

    private Task PrepareEnvironmentAsync(CancellationToken cancellationToken) =>
        PhaseAsync(Phase.Environment, async () =>
        {
            var prepared = run.Environments is { } environments
                ? await environments.PrepareAsync(run.RunId, Id, Workspace.Path, cancellationToken)
                : null;
            task.Ports = prepared?.Ports;
            if (prepared is not null)
            {
                await using var log = TaskLog.Open(LogFile);
                log.Write(OutputKind.StandardOutput, $"fanout: {(Workspace.Pooled ? "worktree from the pool" : "worktree added")}; {prepared.Describe()}");
            }
            if ((task.Task.Setup ?? run.Plan.Setup) is { } setup)
            {
                await RunCommandAsync("setup command", setup, cancellationToken);
            }

            if (prepared is not null)
            {
                await run.Environments!.StoreAsync(prepared, Workspace.Path, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>The gate: the agent's word is not enough. The branch must have commits and the tests must pass.</summary>
    private Task<VerifiedWork> VerifyAsync(CancellationToken cancellationToken) =>
        PhaseAsync(Phase.Verify, async () =>
        {
            var issue = await AwaitIssueAsync(cancellationToken);
            await run.Git.CommitAllAsync(Workspace.Path, $"{Id}: {task.Task.Title} (#{issue.Number})", cancellationToken);
            var ahead = await run.Git.CountCommitsAheadAsync(task.IntegratedHead ?? run.BaseCommit, Workspace.Branch, cancellationToken);
            if (ahead == 0)
            {
                throw new PhaseFailedException(Phase.Verify, Gate.NoChanges(Workspace.Branch, run.BaseRef, _agentOutcome?.Report));
            }

            if ((task.Task.Test ?? run.Plan.Test) is { } test)
            {
                await Gate.TestsAsync(() => RunCommandAsync("test command", test, cancellationToken));
            }

            var head = await run.Git.TryResolveCommitAsync(Workspace.Branch, cancellationToken) ?? string.Empty;
            return new VerifiedWork(issue.Number, ahead, head);
        }, cancellationToken);

    private Task DeliverAsync(VerifiedWork work, CancellationToken cancellationToken) =>
        PhaseAsync(Phase.Deliver, async () =>
        {
            var tested = (task.Task.Test ?? run.Plan.Test) is { } test ? $"; `{test}` passed" : string.Empty;
            var comment = $"Delivered by Fanout run `{run.RunId}` on branch `{Workspace.Branch}`: {work.Commits} commit(s), head `{work.Head[..Math.Min(12, work.Head.Length)]}`{tested}.";
            await AnnouncedAsync();
            if (run.PullRequests && run.Tracker is IPullRequestTracker pulls)
            {
                await DeliverPullRequestAsync(pulls, work.Issue, comment, cancellationToken);
                return;
            }

            await TrackAsync("close issue", () => run.Tracker.CloseAsync(work.Issue, comment, cancellationToken));
        }, cancellationToken);

    /// <summary>A plan command in the task's worktree, its output in the task's log.</summary>
    private async Task RunCommandAsync(string what, CommandSpec command, CancellationToken cancellationToken)
    {
        var placeholders = new AgentInvocation(run.RunId, Id, task.Task.Title, run.Paths.PromptFile(run.RunId, Id), Workspace.Path, Workspace.Branch, LogFile)
        {
            Issue = task.IssueNumber,
        }.Placeholders();
        var (fileName, arguments) = command.Resolve(placeholders);
        await using var log = TaskLog.Open(LogFile);
        var spec = new ProcessSpec(fileName, arguments)
        {
            WorkingDirectory = Workspace.Path,
            Environment = run.Environment(task),
            OnLine = log.Write,
        };
        log.Header(spec.Display);
        var result = await run.Runner.RunAsync(spec, cancellationToken);
        log.Footer(result);
        if (!result.Succeeded)
        {
            throw PhaseFailedException.FromResult(PhaseOf(what), what, result);
        }
    }

    private static Phase PhaseOf(string what) => what.StartsWith("setup", StringComparison.Ordinal) ? Phase.Environment : Phase.Verify;

    private sealed record VerifiedWork(int Issue, int Commits, string Head);
}
