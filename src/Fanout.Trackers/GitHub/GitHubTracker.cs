using System.Collections.Concurrent;

using Octokit;

namespace Fanout.Trackers.GitHub;

/// <summary>
/// Issues on GitHub, paced by the governor and idempotent per (run, task): each issue carries its
/// marker, a run's existing issues are looked up before anything is created, and a create that
/// failed without a clear answer is looked up again before it is retried.
/// </summary>
public sealed partial class GitHubTracker : ITracker, ITrackerLifecycle, IPullRequestTracker
{
    private const string FanoutColor = "5319e7";
    private const string LabelColor = "ededed";

    private readonly GitHubApi _api;
    private readonly ConcurrentDictionary<(string Run, string Task), Lazy<Task<TrackerIssue>>> _issues = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, TrackerIssue>>>> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _labels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<Task<Dictionary<string, string?>>> _existingLabels;
    private readonly IssueBatcher _batcher;
    private string? _repositoryId;

    public GitHubTracker(GitHubApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _api.Options.Batching.Validate(_api.Options.Pacing);
        _existingLabels = new(async () => (await _api.ListLabelsAsync(CancellationToken.None))
            .DistinctBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(l => l.Name, l => (string?)l.NodeId, StringComparer.OrdinalIgnoreCase));
        _batcher = new IssueBatcher(api, RepositoryIdAsync);
    }

    public string Name => "github";

    public int RequestCount => _api.Requests;

    public GitHubRepository Repository => _api.Options.Repository;

    /// <summary>Opens the tracker after checking that the token works and may write issues; nothing is created before.</summary>
    public static async Task<GitHubTracker> OpenAsync(GitHubTrackerOptions options, CancellationToken cancellationToken)
    {
        var tracker = new GitHubTracker(new GitHubApi(options));
        try
        {
            await tracker.VerifyAccessAsync(cancellationToken);
            return tracker;
        }
        catch
        {
            await tracker.DisposeAsync();
            throw;
        }
    }

    public async Task VerifyAccessAsync(CancellationToken cancellationToken)
    {
        var where = $"GitHub repository {Repository} at {_api.Options.ApiBase}";
        Repository repository;
        try
        {
            repository = await _api.GetRepositoryAsync(cancellationToken);
        }
        catch (TrackerNotFoundException e)
        {
            throw new TrackerAccessException($"{where} not found, or the {_api.Options.Token} cannot see it; check 'github: repo:' or the origin remote", e);
        }
        catch (TrackerException e)
        {
            throw new TrackerAccessException($"{where} cannot be used with the {_api.Options.Token}: {e.Message}", e);
        }

        _repositoryId = repository.NodeId;
        if (!repository.HasIssues)
        {
            throw new TrackerAccessException($"{where} has issues turned off; enable them in its settings or use 'tracker: local'");
        }

        if (repository.Permissions is { } can && !(can.Push || can.Triage || can.Maintain || can.Admin))
        {
            throw new TrackerAccessException($"the {_api.Options.Token} may only read {Repository}; Fanout needs triage or write access to create, label and close issues");
        }
    }

    public Task<TrackerIssue> EnsureIssueAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            throw new TrackerValidationException($"The issue of task {request.TaskId} needs a title.");
        }

        var key = (request.RunId, request.TaskId);
        var lazy = _issues.GetOrAdd(key, _ => new Lazy<Task<TrackerIssue>>(() => CreateOnceAsync(request, cancellationToken)));
        return ForgetOnFailureAsync(_issues, key, lazy);
    }

    public async Task CommentAsync(int number, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await _api.CommentAsync(number, body, ct => FindCommentAsync(number, body, ct), cancellationToken);
    }

    public Task AgentStartedAsync(int issue, string comment, CancellationToken cancellationToken) => CommentAsync(issue, comment, cancellationToken);

    public async Task CloseAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        if (comment is not null)
        {
            await CommentAsync(number, comment, cancellationToken);
        }

        await _api.CloseIssueAsync(number, cancellationToken);
    }

    public async Task ReopenAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        if (comment is not null)
        {
            await CommentAsync(number, comment, cancellationToken);
        }

        await _api.ReopenIssueAsync(number, cancellationToken);
    }

    public async Task<TrackerIssue?> GetAsync(int number, CancellationToken cancellationToken)
    {
        try
        {
            return GitHubIssues.ToTracker(await _api.GetIssueAsync(number, cancellationToken));
        }
        catch (TrackerNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken)
    {
        var comments = await _api.ListCommentsAsync(number, cancellationToken);
        return [.. comments.Select(c => new IssueComment(c.Id, number, c.Body ?? string.Empty, c.CreatedAt))];
    }

    /// <summary>Fanout's issues by label, newest first; a run's also by search, which finds older ones the label listing's pages miss.</summary>
    public async Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken)
    {
        var listed = await _api.ListIssuesAsync(GitHubIssues.LabelFilter(_api.Options.Label), 100, 10, cancellationToken);
        IEnumerable<Issue> issues = listed;
        if (runId is not null)
        {
            var found = await _api.SearchIssuesAsync(GitHubIssues.MarkerQuery(runId, null), cancellationToken);
            issues = listed.Concat(found).Where(i => GitHubIssues.Belongs(i, runId, null));
        }

        return [.. issues.DistinctBy(i => i.Number).OrderByDescending(i => i.Number).Select(GitHubIssues.ToTracker)];
    }

    public async Task<PullRequestLink> OpenPullRequestAsync(PullRequestOpening request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PullRequest pull;
        try
        {
            pull = await _api.CreatePullRequestAsync(
                new NewPullRequest(request.Title, request.Head, request.Base) { Body = request.Body },
                ct => _api.FindPullRequestAsync(request.Head, ct),
                cancellationToken);
        }
        catch (TrackerValidationException refused)
        {
            // "A pull request already exists": a rerun delivers to the one it opened before.
            pull = await _api.FindPullRequestAsync(request.Head, cancellationToken)
                ?? throw new TrackerValidationException($"{refused.Message}; no pull request from {request.Head} was found either");
        }

        return new PullRequestLink(pull.Number, pull.HtmlUrl);
    }

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        return ValueTask.CompletedTask;
    }
}
