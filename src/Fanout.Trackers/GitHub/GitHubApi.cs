using Octokit;
using Octokit.Internal;

namespace Fanout.Trackers.GitHub;

/// <summary>
/// The REST calls Fanout makes, each one through Octokit's own HTTP stack and the governor.
/// Nothing here decides what a run needs; <see cref="GitHubTracker"/> does.
/// </summary>
public sealed class GitHubApi : IDisposable
{
    private readonly GitHubClient _client;
    private readonly ApiConnection _api;
    private readonly GitHubHeaders _headers;

    public GitHubApi(GitHubTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Governor = new GitHubGovernor(options.Pacing, options.Time);
        _headers = new GitHubHeaders(Governor) { InnerHandler = GitHubHttp.CreateHandler() };
        var connection = new Connection(
            new ProductHeaderValue("fanout", typeof(GitHubApi).Assembly.GetName().Version?.ToString(3) ?? "0"),
            options.ApiBase,
            new InMemoryCredentialStore(new Credentials(options.Token.Reveal())),
            new HttpClientAdapter(() => _headers),
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(options.Pacing.RequestTimeout);
        _client = new GitHubClient(connection);
        _api = new ApiConnection(connection);
        GraphQL = new GitHubGraphQL(_headers, options);
    }

    public GitHubTrackerOptions Options { get; }

    public GitHubGovernor Governor { get; }

    /// <summary>The GraphQL endpoint, through the same counting handler; the batches of issues go there.</summary>
    internal GitHubGraphQL GraphQL { get; }

    /// <summary>HTTP requests sent, retries included.</summary>
    public int Requests => _headers.Requests;

    private string Owner => Options.Repository.Owner;

    private string Name => Options.Repository.Name;

    public Task<Repository> GetRepositoryAsync(CancellationToken cancellationToken) =>
        Governor.ReadAsync($"reading {Options.Repository}", _ => _client.Repository.Get(Owner, Name), cancellationToken);

    public Task<IReadOnlyList<Label>> ListLabelsAsync(CancellationToken cancellationToken) =>
        Governor.ReadAsync("listing labels", _ => _client.Issue.Labels.GetAllForRepository(Owner, Name), cancellationToken);

    /// <summary>Creates a label; one that exists already (422 already_exists) is as good, and is read back for its node id.</summary>
    public async Task<Label> CreateLabelAsync(string name, string color, CancellationToken cancellationToken)
    {
        var created = await Governor.MutateAsync(
            $"creating label '{name}'",
            async ct =>
            {
                try
                {
                    // Not NewLabel: its client-side color check would hide GitHub's own answer.
                    return await _api.Post<Label>(ApiUrls.Labels(Owner, Name), new LabelBody(name, color), null, ct);
                }
                catch (ApiValidationException error) when (GitHubFailure.IsAlreadyThere(error))
                {
                    // Someone made it first: read it below, outside the turn of mutations.
                    return null!;
                }
            },
            null,
            cancellationToken);
        return created ?? await Governor.ReadAsync($"reading label '{name}'", _ => _client.Issue.Labels.Get(Owner, Name, name), cancellationToken);
    }

    public Task<Issue> CreateIssueAsync(NewIssue issue, Func<CancellationToken, Task<Issue?>> recover, CancellationToken cancellationToken) =>
        Governor.MutateAsync("creating an issue", _ => _client.Issue.Create(Owner, Name, issue), recover, cancellationToken);

    public Task<Issue> GetIssueAsync(int number, CancellationToken cancellationToken) =>
        Governor.ReadAsync($"reading issue #{number}", _ => _client.Issue.Get(Owner, Name, number), cancellationToken);

    /// <summary>Issues (not pull requests) by REST listing, newest first unless the filter says otherwise; follows Link headers.</summary>
    public async Task<IReadOnlyList<Issue>> ListIssuesAsync(IDictionary<string, string> filter, int pageSize, int? pages, CancellationToken cancellationToken)
    {
        // Octokit adds its paging to the dictionary it is given, so each attempt gets its own copy: a retry after a fault must not find per_page there already.
        var all = await Governor.ReadAsync(
            "listing issues",
            _ => _api.GetAll<Issue>(ApiUrls.Issues(Owner, Name), new Dictionary<string, string>(filter), new ApiOptions { PageSize = pageSize, PageCount = pages }),
            cancellationToken);
        return [.. all.Where(i => i.PullRequest is null)];
    }

    /// <summary>Issue search (<c>GET /search/issues</c>) confined to the repository, every page; eventually consistent.</summary>
    public async Task<IReadOnlyList<Issue>> SearchIssuesAsync(string terms, CancellationToken cancellationToken)
    {
        var found = new List<Issue>();
        Uri? next = new("search/issues", UriKind.Relative);
        var parameters = new Dictionary<string, string> { ["q"] = $"{terms} repo:{Options.Repository}" };
        for (var page = 0; next is not null && page < 10; page++)
        {
            var uri = next;
            var query = page == 0 ? parameters : null;
            var response = await Governor.ReadAsync("searching issues", _ => _api.Connection.Get<SearchIssuesResult>(uri, query), cancellationToken);
            found.AddRange(response.Body.Items.Where(i => i.PullRequest is null));
            next = response.HttpResponse.ApiInfo?.GetNextPageUrl();
        }

        return found;
    }

    public Task<Octokit.IssueComment> CommentAsync(int number, string body, Func<CancellationToken, Task<Octokit.IssueComment?>> recover, CancellationToken cancellationToken) =>
        Governor.MutateAsync($"commenting on issue #{number}", _ => _client.Issue.Comment.Create(Owner, Name, number, body), recover, cancellationToken);

    public Task<IReadOnlyList<Octokit.IssueComment>> ListCommentsAsync(int number, CancellationToken cancellationToken) =>
        Governor.ReadAsync($"reading the comments of issue #{number}", _ => _client.Issue.Comment.GetAllForIssue(Owner, Name, number), cancellationToken);

    /// <summary>Closing an issue is idempotent, so a retry after an ambiguous failure needs no lookup.</summary>
    public Task<Issue> CloseIssueAsync(int number, CancellationToken cancellationToken) =>
        Governor.MutateAsync<Issue>($"closing issue #{number}", _ => _client.Issue.Update(Owner, Name, number, new IssueUpdate { State = ItemState.Closed }), null, cancellationToken);

    public Task<Issue> ReopenIssueAsync(int number, CancellationToken cancellationToken) =>
        Governor.MutateAsync<Issue>($"reopening issue #{number}", _ => _client.Issue.Update(Owner, Name, number, new IssueUpdate { State = ItemState.Open }), null, cancellationToken);

    public Task<PullRequest> CreatePullRequestAsync(NewPullRequest pull, Func<CancellationToken, Task<PullRequest?>> recover, CancellationToken cancellationToken) =>
        Governor.MutateAsync<PullRequest>($"opening a pull request from {pull.Head}", _ => _client.PullRequest.Create(Owner, Name, pull), recover, cancellationToken);

    /// <summary>The pull request from <paramref name="branch"/> of this repository, open or not, if there is one.</summary>
    public async Task<PullRequest?> FindPullRequestAsync(string branch, CancellationToken cancellationToken)
    {
        var request = new PullRequestRequest { Head = $"{Owner}:{branch}", State = ItemStateFilter.All };
        var pulls = await Governor.ReadAsync($"looking up the pull request of {branch}", _ => _client.PullRequest.GetAllForRepository(Owner, Name, request), cancellationToken);
        return pulls.FirstOrDefault(p => p.Head?.Ref == branch);
    }

    public void Dispose()
    {
        GraphQL.Dispose();
        Governor.Dispose();
        _headers.Dispose();
    }

    private sealed record LabelBody(string Name, string Color);
}
