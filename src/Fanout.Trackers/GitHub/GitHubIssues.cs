using Octokit;

namespace Fanout.Trackers.GitHub;

/// <summary>Octokit's issues as the tracker's records, with the (run, task) read back from the marker.</summary>
internal static class GitHubIssues
{
    public static TrackerIssue ToTracker(Issue issue)
    {
        var body = issue.Body ?? string.Empty;
        var marked = IssueMarker.TryParse(body, out var runId, out var taskId);
        return new TrackerIssue(issue.Number, issue.Title ?? string.Empty, body, issue.State.Value == ItemState.Closed ? IssueState.Closed : IssueState.Open, issue.CreatedAt)
        {
            Labels = [.. (issue.Labels ?? []).Select(l => l.Name)],
            Url = issue.HtmlUrl,
            RunId = marked ? runId : null,
            TaskId = marked ? taskId : null,
            ClosedAt = issue.ClosedAt,
        };
    }

    public static bool Belongs(Issue issue, string runId, string? taskId) =>
        IssueMarker.TryParse(issue.Body, out var run, out var task) && run == runId && (taskId is null || task == taskId);

    /// <summary>The REST filter for Fanout's issues, newest first, open and closed.</summary>
    public static Dictionary<string, string> LabelFilter(string label) => new()
    {
        ["labels"] = label,
        ["state"] = "all",
        ["sort"] = "created",
        ["direction"] = "desc",
    };

    /// <summary>
    /// Search terms for a run's (or a task's) marker. GitHub's search matches words, so the phrase
    /// narrows the candidates and <see cref="Belongs"/> decides.
    /// </summary>
    public static string MarkerQuery(string runId, string? taskId) =>
        taskId is null ? $"\"fanout:run={runId}\" in:body" : $"\"fanout:run={runId} task={taskId}\" in:body";
}
