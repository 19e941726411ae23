using Fanout.Journal;
using Fanout.Trackers;

namespace Fanout.Orchestration.Pipeline;

/// <summary>Closes the issue with a comment naming the branch and head, or, with --pr, pushes the branch and opens a pull request.</summary>
internal sealed class DeliverPhase(TaskScope scope)
{
    public Task DeliverAsync(VerifiedWork work, CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Deliver, async () =>
        {
            var run = scope.Run;
            var tested = scope.Settings.Test is { } test ? $"; `{test}` passed" : string.Empty;
            var comment = $"Delivered by Fanout run `{run.RunId}` on branch `{scope.Workspace.Branch}`: {work.Commits} commit(s), head `{work.Head[..Math.Min(12, work.Head.Length)]}`{tested}.";
            await scope.AnnouncedAsync();
            if (run.PullRequests && run.Tracker is IPullRequestTracker pulls)
            {
                await PullRequestAsync(pulls, work.Issue, comment, cancellationToken);
                return;
            }

            await scope.TrackAsync("close issue", () => run.Tracker.CloseAsync(work.Issue, comment, cancellationToken));
        }, cancellationToken);

    /// <summary>Pushes the branch, opens (or finds) its pull request that closes the issue, and links it from the issue.</summary>
    private async Task PullRequestAsync(IPullRequestTracker pulls, int issue, string summary, CancellationToken cancellationToken)
    {
        var run = scope.Run;
        var branch = scope.Workspace.Branch;
        await run.Git.PushAsync("origin", branch, cancellationToken);
        var opening = new PullRequestOpening(branch, run.BaseRef, $"{scope.Task.Task.Title} (#{issue})", $"Closes #{issue}\n\n{summary}");
        var pull = await scope.TrackAsync("open pull request", () => pulls.OpenPullRequestAsync(opening, cancellationToken));
        await scope.TrackAsync("comment", () => run.Tracker.CommentAsync(issue, $"{summary}\n\nPull request: {pull.Url}", cancellationToken));
    }
}
