using System.Collections.Concurrent;

using Octokit;

namespace Fanout.Trackers.GitHub;

public sealed partial class GitHubTracker
{
    private async Task<TrackerIssue> CreateOnceAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        var labels = request.Labels.Prepend(_api.Options.Label).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        await Task.WhenAll(labels.Select(l => EnsureLabelAsync(l, cancellationToken)));

        // A rerun of the same run finds the issues it made before.
        var existing = await RunIssuesAsync(request.RunId, cancellationToken);
        if (existing.TryGetValue(request.TaskId, out var found))
        {
            return found;
        }

        var issue = new NewIssue(request.Title) { Body = IssueMarker.AppendTo(request.Body, request.RunId, request.TaskId) };
        foreach (var label in labels)
        {
            issue.Labels.Add(label);
        }

        var created = await _api.CreateIssueAsync(issue, ct => FindRecentAsync(request.RunId, request.TaskId, ct), cancellationToken);
        return GitHubIssues.ToTracker(created);
    }

    /// <summary>The run's issues that already exist, looked up once per run (search is eventually consistent, so new ones come from the listing).</summary>
    private Task<IReadOnlyDictionary<string, TrackerIssue>> RunIssuesAsync(string runId, CancellationToken cancellationToken)
    {
        var lazy = _runs.GetOrAdd(runId, _ => new(async () =>
        {
            var issues = await _api.SearchIssuesAsync(GitHubIssues.MarkerQuery(runId, null), cancellationToken);
            return issues
                .Where(i => GitHubIssues.Belongs(i, runId, null))
                .Select(GitHubIssues.ToTracker)
                .GroupBy(i => i.TaskId!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.MinBy(i => i.Number)!, StringComparer.Ordinal);
        }));
        return ForgetOnFailureAsync(_runs, runId, lazy);
    }

    /// <summary>After a create with no clear answer: the newest Fanout issues, listed (not searched), so one made a moment ago is seen.</summary>
    private async Task<Issue?> FindRecentAsync(string runId, string taskId, CancellationToken cancellationToken)
    {
        var recent = await _api.ListIssuesAsync(GitHubIssues.LabelFilter(_api.Options.Label), 100, 1, cancellationToken);
        return recent.Where(i => GitHubIssues.Belongs(i, runId, taskId)).MinBy(i => i.Number);
    }

    private async Task<Octokit.IssueComment?> FindCommentAsync(int number, string body, CancellationToken cancellationToken) =>
        (await _api.ListCommentsAsync(number, cancellationToken)).LastOrDefault(c => c.Body == body);

    private async Task EnsureLabelAsync(string label, CancellationToken cancellationToken)
    {
        if ((await _existingLabels.Value).Contains(label))
        {
            return;
        }

        var color = label == _api.Options.Label ? FanoutColor : LabelColor;
        var lazy = _labels.GetOrAdd(label, name => new(() => _api.CreateLabelAsync(name, color, cancellationToken)));
        await ForgetOnFailureAsync(_labels, label, lazy);
    }

    /// <summary>Shares one attempt among concurrent callers, but lets a later caller try again after a failure.</summary>
    private static async Task<T> ForgetOnFailureAsync<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> cache, TKey key, Lazy<Task<T>> lazy)
        where TKey : notnull
    {
        try
        {
            return await lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<TKey, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }
}
