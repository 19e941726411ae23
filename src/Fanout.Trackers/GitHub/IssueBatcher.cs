using Octokit;

namespace Fanout.Trackers.GitHub;

/// <summary>
/// Creates issues several at a time behind the one-issue <see cref="ITracker.EnsureIssueAsync"/>
/// that every worker calls: requests arriving within the batching window, or while the previous
/// batch is out, go to GitHub together as one GraphQL request, in the governor's turn and counted
/// one creation each. REST, one issue a request, takes over when GraphQL is off or refused.
/// </summary>
internal sealed partial class IssueBatcher(GitHubApi api, Func<CancellationToken, Task<string?>> repositoryId)
{
    private readonly GitHubBatching _settings = api.Options.Batching;
    private readonly Lock _gate = new();
    private readonly List<PendingIssue> _queue = [];
    private Task? _sender;
    private volatile bool _graphQLRefused;

    /// <summary>True once GitHub refused the GraphQL route; later issues go by REST.</summary>
    public bool UsesRest => !_settings.GraphQL || _graphQLRefused;

    /// <summary>Queues the issue and returns when it exists; GitHub answering only for others in the batch is no answer for this one.</summary>
    /// <param name="labels">The labels by name, for REST; the draft carries the node ids GraphQL needs (a batch needs all of them).</param>
    public Task<TrackerIssue> CreateAsync(IssueDraft draft, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(labels);
        var pending = new PendingIssue(draft, labels, cancellationToken);
        lock (_gate)
        {
            _queue.Add(pending);
            _sender ??= Task.Run(SendAllAsync, CancellationToken.None);
        }

        return pending.Task;
    }

    /// <summary>Sends batches until the queue is empty; the next request starts another sender.</summary>
    private async Task SendAllAsync()
    {
        while (true)
        {
            if (_settings.Window > TimeSpan.Zero && QueueLength() < _settings.MaxSize)
            {
                await Task.Delay(_settings.Window, api.Options.Time);
            }

            List<PendingIssue> batch;
            lock (_gate)
            {
                _queue.RemoveAll(p => p.Task.IsCompleted);
                if (_queue.Count == 0)
                {
                    _sender = null;
                    return;
                }

                batch = [.. _queue.Take(_settings.MaxSize)];
                _queue.RemoveRange(0, batch.Count);
            }

            using var cancel = new SharedCancellation(batch);
#pragma warning disable CA1031 // Each failure is handed to the callers it concerns; the sender must go on for the rest.
            try
            {
                await SendAsync(batch, cancel.Token);
            }
            catch (Exception error)
            {
                foreach (var pending in batch)
                {
                    pending.Fail(error);
                }
            }
#pragma warning restore CA1031
        }
    }

    private int QueueLength()
    {
        lock (_gate)
        {
            return _queue.Count;
        }
    }

    private async Task SendAsync(List<PendingIssue> batch, CancellationToken cancellationToken)
    {
        var id = UsesRest ? null : await repositoryId(cancellationToken);
        var byRest = batch.Where(p => id is null || p.Draft.LabelIds.Count != p.Labels.Count).ToList();
        var byGraphQL = batch.Except(byRest).ToList();
        if (byGraphQL.Count > 0)
        {
            var left = await SendGraphQLAsync(id!, byGraphQL, cancellationToken);
            byRest.AddRange(left);
        }

        foreach (var pending in byRest)
        {
            pending.Complete(await CreateByRestAsync(pending.Draft, pending.Labels, cancellationToken));
        }
    }

    /// <summary>One batch through the governor; returns those left for REST when GitHub refused GraphQL.</summary>
    private async Task<IReadOnlyList<PendingIssue>> SendGraphQLAsync(string repository, List<PendingIssue> batch, CancellationToken cancellationToken)
    {
        var state = new BatchState(batch);
        var outcome = await api.Governor.MutateAsync(
            $"creating {batch.Count} issues",
            ct => SendOnceAsync(repository, state, ct),
            ct => RecoverAsync(state, ct),
            cancellationToken,
            weight: batch.Count);
        if (outcome.Refused)
        {
            _graphQLRefused = true;
            return state.Remaining;
        }

        return [];
    }

    private async Task<TrackerIssue> CreateByRestAsync(IssueDraft draft, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var issue = new NewIssue(draft.Title) { Body = draft.Body };
        foreach (var label in labels)
        {
            issue.Labels.Add(label);
        }

        var created = await api.CreateIssueAsync(issue, ct => FindRecentAsync(draft, ct), cancellationToken);
        return GitHubIssues.ToTracker(created);
    }

    /// <summary>After a create with no clear answer: the newest Fanout issues, listed (not searched), so one made a moment ago is seen.</summary>
    private async Task<Issue?> FindRecentAsync(IssueDraft draft, CancellationToken cancellationToken)
    {
        var recent = await api.ListIssuesAsync(GitHubIssues.LabelFilter(api.Options.Label), 100, 1, cancellationToken);
        return recent.Where(i => GitHubIssues.Belongs(i, draft.RunId, draft.TaskId)).MinBy(i => i.Number);
    }
}
