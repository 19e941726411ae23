using Fanout.Journal;
using Fanout.Trackers;

namespace Fanout.Orchestration.Pipeline;

/// <summary>The task's issue, created once per run and task (the tracker finds an existing one instead of making another).</summary>
internal sealed class IssuePhase(TaskScope scope)
{
    /// <summary>Starts the creation and keeps it on the task, so later phases can wait for it.</summary>
    public Task<TrackerIssue> StartAsync(CancellationToken cancellationToken)
    {
        scope.Task.Issue = CreateAsync(cancellationToken);
        return scope.Task.Issue;
    }

    private Task<TrackerIssue> CreateAsync(CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Issue, async () =>
        {
            var request = new IssueRequest(scope.Run.RunId, scope.Id, scope.Task.Task.Title, Body()) { Labels = scope.Settings.Labels };
            var issue = await scope.TrackAsync("create issue", () => scope.Run.Tracker.EnsureIssueAsync(request, cancellationToken));
            await scope.RecordAsync(new TaskLinked(scope.Run.RunId, scope.Now, scope.Id, Issue: issue.Number, IssueUrl: issue.Url));
            return issue;
        }, cancellationToken, scope.Run.Tracker.Name);

    private string Body() =>
        $"""
        {scope.Task.Task.Prompt.TrimEnd()}

        ---
        Fanout run `{scope.Run.RunId}`, task `{scope.Id}`, from `{scope.Run.BaseRef}` ({scope.Run.BaseCommit[..Math.Min(12, scope.Run.BaseCommit.Length)]}).
        """;
}
