using Fanout.Trackers;

namespace Fanout.Orchestration;

public sealed partial class TaskWorker
{
    // The agent-start comment runs beside the agent; later comments wait for it so the issue reads in order.
    private Task _announcement = Task.CompletedTask;

    /// <summary>Tells the issue the agent started, once the issue exists, without holding the agent back.</summary>
    private void AnnounceAgentStart(CancellationToken cancellationToken)
    {
        if (run.Tracker is not ITrackerLifecycle lifecycle)
        {
            return;
        }

        var body = $"Fanout run `{run.RunId}`: agent `{agent.Name}` started on branch `{Workspace.Branch}`.";
        _announcement = Task.Run(
            async () =>
            {
                try
                {
                    var issue = await AwaitIssueAsync(cancellationToken);
                    await TrackAsync("comment", () => lifecycle.AgentStartedAsync(issue.Number, body, cancellationToken));
                }
#pragma warning disable CA1031 // Best effort: the task's outcome never depends on this comment.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            },
            CancellationToken.None);
    }

    private Task AnnouncedAsync() => _announcement;

    /// <summary>With --pr: pushes the branch, opens (or finds) its pull request that closes the issue, and links it from the issue.</summary>
    private async Task DeliverPullRequestAsync(IPullRequestTracker pulls, int issue, string summary, CancellationToken cancellationToken)
    {
        await run.Git.PushAsync("origin", Workspace.Branch, cancellationToken);
        var opening = new PullRequestOpening(Workspace.Branch, run.BaseRef, $"{task.Task.Title} (#{issue})", $"Closes #{issue}\n\n{summary}");
        var pull = await TrackAsync("open pull request", () => pulls.OpenPullRequestAsync(opening, cancellationToken));
        await TrackAsync("comment", () => run.Tracker.CommentAsync(issue, $"{summary}\n\nPull request: {pull.Url}", cancellationToken));
    }
}
