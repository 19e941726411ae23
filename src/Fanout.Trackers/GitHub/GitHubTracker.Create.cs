using System.Collections.Concurrent;

namespace Fanout.Trackers.GitHub;

public sealed partial class GitHubTracker
{
    private async Task<TrackerIssue> CreateOnceAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        var labels = request.Labels.Prepend(_api.Options.Label).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var labelIds = await Task.WhenAll(labels.Select(l => EnsureLabelAsync(l, cancellationToken)));

        // A rerun of the same run finds the issues it made before.
        var existing = await RunIssuesAsync(request.RunId, cancellationToken);
        if (existing.TryGetValue(request.TaskId, out var found))
        {
            return found;
        }

        var body = IssueMarker.AppendTo(request.Body, request.RunId, request.TaskId);
        var draft = new IssueDraft(request.RunId, request.TaskId, request.Title, body, [.. labelIds.OfType<string>()]);
        return await _batcher.CreateAsync(draft, labels, cancellationToken);
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

    private async Task<Octokit.IssueComment?> FindCommentAsync(int number, string body, CancellationToken cancellationToken) =>
        (await _api.ListCommentsAsync(number, cancellationToken)).LastOrDefault(c => c.Body == body);

    /// <summary>Makes sure the label exists; its node id (what a GraphQL create names it by), when GitHub gave one.</summary>
    private async Task<string?> EnsureLabelAsync(string label, CancellationToken cancellationToken)
    {
        if ((await _existingLabels.Value).TryGetValue(label, out var id))
        {
            return id;
        }

        var color = label == _api.Options.Label ? FanoutColor : LabelColor;
        var lazy = _labels.GetOrAdd(label, name => new(async () => (await _api.CreateLabelAsync(name, color, cancellationToken)).NodeId));
        return await ForgetOnFailureAsync(_labels, label, lazy);
    }

    /// <summary>The repository's node id, from the access check when it ran, else read once.</summary>
    private async Task<string?> RepositoryIdAsync(CancellationToken cancellationToken) =>
        _repositoryId ??= (await _api.GetRepositoryAsync(cancellationToken)).NodeId;

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
