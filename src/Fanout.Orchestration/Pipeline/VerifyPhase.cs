using Fanout.Journal;

namespace Fanout.Orchestration.Pipeline;

/// <summary>What the gate accepted: the issue it belongs to, how many commits, and the branch's head.</summary>
internal sealed record VerifiedWork(int Issue, int Commits, string Head);

/// <summary>
/// The gate: the agent's word is not enough. The branch must have commits and the tests must pass.
/// Its git work is one add, one commit and one list of the branch's new commits, which gives both
/// their count and the head.
/// </summary>
internal sealed class VerifyPhase(TaskScope scope)
{
    public Task<VerifiedWork> VerifyAsync(CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Verify, async () =>
        {
            var run = scope.Run;
            var workspace = scope.Workspace;
            var issue = await scope.AwaitIssueAsync(cancellationToken);
            await run.Git.CommitAllAsync(workspace.Path, $"{scope.Id}: {scope.Task.Task.Title} (#{issue.Number})", cancellationToken);
            var commits = await run.Git.CommitsAheadAsync(scope.Task.IntegratedHead ?? run.BaseCommit, workspace.Branch, cancellationToken);
            if (commits.Count == 0)
            {
                throw new PhaseFailedException(Phase.Verify, Gate.NoChanges(workspace.Branch, run.BaseRef, scope.AgentOutcome?.Report));
            }

            if (scope.Settings.Test is { } test)
            {
                await Gate.TestsAsync(() => scope.RunCommandAsync(Phase.Verify, "test command", test, cancellationToken));
            }

            // The head the tests ran on, newest first in the list.
            return new VerifiedWork(issue.Number, commits.Count, commits[0]);
        }, cancellationToken);
}
