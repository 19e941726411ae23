using System.Text.Json;

using Fanout.Trackers.GitHub;

using Octokit;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests.GitHub;

/// <summary>
/// Fanout's GitHub calls against exchanges recorded from the real api.github.com (@octokit/fixtures),
/// through Octokit's own HTTP stack: what Fanout sends must match the recording, and what GitHub
/// answered must come out right.
/// </summary>
public sealed class RecordedExchangeTests
{
    // The token the recordings were normalised to; the server sees it exactly as Fanout sends it.
    private const string RecordedToken = "0000000000000000000000000000000000000001";

    [FixtureFact]
    public async Task Creating_an_issue_sends_the_title_with_the_token_and_reads_the_issue_github_made()
    {
        await using var server = FixtureServer.Start("add-labels-to-issue");
        using var api = Api(server, "octokit-fixture-org/add-labels-to-issue");

        var issue = await api.CreateIssueAsync(new NewIssue("Issue without a label"), _ => Task.FromResult<Issue?>(null), CancellationToken.None);

        server.Unmatched.ShouldBeEmpty();
        var sent = server.Requests.ShouldHaveSingleItem();
        (sent.Method, sent.PathAndQuery).ShouldBe(("POST", "/repos/octokit-fixture-org/add-labels-to-issue/issues"));
        sent.Authorization.ShouldBe($"token {RecordedToken}", StringCompareShould.IgnoreCase);
        var tracked = GitHubIssues.ToTracker(issue);
        (tracked.Number, tracked.Title, tracked.State).ShouldBe((1, "Issue without a label", IssueState.Open));
        tracked.Url.ShouldBe("https://github.com/octokit-fixture-org/add-labels-to-issue/issues/1");
        (tracked.RunId, tracked.TaskId).ShouldBe((null, null));
        api.Requests.ShouldBe(1);
    }

    [FixtureFact]
    public async Task Listing_then_creating_a_label_sends_its_name_and_color()
    {
        await using var server = FixtureServer.Start("labels");
        using var api = Api(server, "octokit-fixture-org/labels");

        var labels = await api.ListLabelsAsync(CancellationToken.None);
        var created = await api.CreateLabelAsync("test-label", "663399", CancellationToken.None);

        server.Unmatched.ShouldBeEmpty();
        labels.Select(l => l.Name).ShouldContain("bug");
        labels.ShouldNotContain(l => l.Name == "test-label");
        created.Name.ShouldBe("test-label");
        server.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ShouldBe(["GET /repos/octokit-fixture-org/labels/labels", "POST /repos/octokit-fixture-org/labels/labels"]);
        using var body = JsonDocument.Parse(server.Requests[1].Body);
        (body.RootElement.GetProperty("name").GetString(), body.RootElement.GetProperty("color").GetString()).ShouldBe(("test-label", "663399"));
    }

    [FixtureFact]
    public async Task A_label_github_refuses_becomes_a_validation_error_naming_the_field_and_is_not_retried()
    {
        await using var server = FixtureServer.Start("errors");
        using var api = Api(server, "octokit-fixture-org/errors");

        var error = await Should.ThrowAsync<TrackerValidationException>(() => api.CreateLabelAsync("foo", "invalid", CancellationToken.None));

        server.Unmatched.ShouldBeEmpty();
        server.Requests.Count.ShouldBe(1);
        error.Message.ShouldContain("Validation Failed");
        error.Message.ShouldContain("color");
        error.Message.ShouldContain("422");
    }

    [FixtureFact]
    public async Task Searching_sends_the_terms_confined_to_the_repository_and_reads_every_hit()
    {
        await using var server = FixtureServer.Start("search-issues");
        using var api = Api(server, "octokit-fixture-org/search-issues");

        var issues = await api.SearchIssuesAsync("sesame", CancellationToken.None);

        server.Unmatched.ShouldBeEmpty();
        server.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldStartWith("/search/issues?q=");
        issues.Select(i => i.Number).ShouldBe([2, 1]);
        issues[0].Title.ShouldBe("Sesame seeds split without a pop!");
    }

    [FixtureFact]
    public async Task Listing_issues_follows_githubs_link_headers_through_every_page()
    {
        await using var server = FixtureServer.Start("paginate-issues");
        using var api = Api(server, "octokit-fixture-org/paginate-issues");

        var issues = await api.ListIssuesAsync(new Dictionary<string, string>(), 3, null, CancellationToken.None);

        server.Unmatched.ShouldBeEmpty();
        server.Requests.Count.ShouldBe(5);
        server.Requests[1].PathAndQuery.ShouldBe("/repositories/1000/issues?per_page=3&page=2");
        issues.Select(i => i.Number).ShouldBe(Enumerable.Range(1, 13).Reverse());
    }

    [FixtureFact]
    public async Task The_access_check_passes_for_a_repository_the_token_may_push_to()
    {
        await using var server = FixtureServer.Start("get-repository");
        await using var tracker = new GitHubTracker(Api(server, "octokit-fixture-org/hello-world"));

        await tracker.VerifyAccessAsync(CancellationToken.None);

        server.Unmatched.ShouldBeEmpty();
        server.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe("/repos/octokit-fixture-org/hello-world");
    }

    private static GitHubApi Api(FixtureServer server, string repository)
    {
        GitHubRepository.TryParse(repository, out var repo).ShouldBeTrue();
        return new GitHubApi(new GitHubTrackerOptions(repo!, server.BaseAddress, new GitHubToken(RecordedToken, "GITHUB_TOKEN"))
        {
            Pacing = GitHubPacing.Default with { MinInterval = TimeSpan.Zero, MaxAttempts = 1 },
        });
    }
}
