using Fanout.Journal;
using Fanout.Trackers;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// The task's issue, created once per run and task: the intent is journaled first, and creation is
/// idempotent (the tracker finds an existing issue instead of making another), so a resume after a
/// crash at any instant, even between the tracker's create and the journal's record, never duplicates it.
/// </summary>
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
            var run = scope.Run;
            var request = new IssueRequest(run.RunId, scope.Id, scope.Task.Task.Title, Body()) { Labels = scope.Settings.Labels };
            await scope.RecordAsync(new IssueIntended(run.RunId, scope.Now, scope.Id, run.Tracker.Name));
            var issue = await ExistingAsync(cancellationToken)
                ?? await scope.TrackAsync("create issue", () => run.Tracker.EnsureIssueAsync(request, cancellationToken));
            await scope.RecordAsync(new TaskLinked(run.RunId, scope.Now, scope.Id, Issue: issue.Number, IssueUrl: issue.Url));
            if (scope.Task.History is { } history)
            {
                await TakeUpAsync(issue, history, cancellationToken);
            }

            return issue;
        }, cancellationToken, scope.Run.Tracker.Name);

    /// <summary>
    /// The GitHub issue the plan already links the task to (a ccpm task's <c>github:</c>, made by
    /// ccpm's own sync): used as the task's issue instead of opening a duplicate. The local tracker
    /// numbers its own issues, so a link means nothing there.
    /// </summary>
    private async Task<TrackerIssue?> ExistingAsync(CancellationToken cancellationToken)
    {
        var run = scope.Run;
        if (scope.Task.Task.ExistingIssue is not { } number || run.Tracker.Name != "github")
        {
            return null;
        }

        var issue = await scope.TrackAsync("get issue", () => run.Tracker.GetAsync(number, cancellationToken));
        if (issue is not null && scope.Task.History is null)
        {
            await scope.TrackAsync("comment", () => run.Tracker.CommentAsync(number, $"Fanout run `{run.RunId}` takes this issue up as task `{scope.Id}`.", cancellationToken));
        }

        return issue;
    }

    /// <summary>Says on the issue that the task is taken up again; a delivered task's closed issue is opened again.</summary>
    private async Task TakeUpAsync(TrackerIssue issue, TaskHistory history, CancellationToken cancellationToken)
    {
        var run = scope.Run;
        var why = scope.Task.FollowUp is { } followUp
            ? $"Fanout run `{run.RunId}`, attempt {history.Attempt}: task `{scope.Id}` is retried with this follow-up:\n\n> {followUp.ReplaceLineEndings("\n> ")}"
            : $"Fanout run `{run.RunId}`, attempt {history.Attempt}: task `{scope.Id}` is taken up again where it stopped.";
        if (history.Delivered || issue.State == IssueState.Closed)
        {
            await scope.TrackAsync("reopen issue", () => run.Tracker.ReopenAsync(issue.Number, why, cancellationToken));
        }
        else
        {
            await scope.TrackAsync("comment", () => run.Tracker.CommentAsync(issue.Number, why, cancellationToken));
        }
    }

    private string Body() =>
        $"""
        {scope.Task.Task.Prompt.TrimEnd()}

        ---
        Fanout run `{scope.Run.RunId}`, task `{scope.Id}`, from `{scope.Run.BaseRef}` ({scope.Run.BaseCommit[..Math.Min(12, scope.Run.BaseCommit.Length)]}).
        """;
}
