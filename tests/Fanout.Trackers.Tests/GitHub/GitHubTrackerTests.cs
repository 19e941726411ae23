using Fanout.Simulation.GitHub;
using Fanout.Trackers.GitHub;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests.GitHub;

/// <summary>The tracker against a local fake GitHub that misbehaves on cue, creating by REST (<see cref="GitHubBatchTests"/> batch by GraphQL).</summary>
public sealed class GitHubTrackerTests
{
    [Fact]
    public async Task An_issue_is_created_once_with_its_labels_ensured_and_a_rerun_finds_it_instead_of_making_another()
    {
        await using var server = SimulatedGitHubServer.Start();
        var request = new IssueRequest("r1", "api", "Add the client", "Write it.") { Labels = ["fanout", "backend", "bug"] };

        await using (var tracker = await OpenAsync(server))
        {
            var first = await tracker.EnsureIssueAsync(request, CancellationToken.None);
            var again = await tracker.EnsureIssueAsync(request, CancellationToken.None);
            again.ShouldBe(first);
            (first.RunId, first.TaskId).ShouldBe(("r1", "api"));
        }

        await using (var rerun = await OpenAsync(server))
        {
            (await rerun.EnsureIssueAsync(request, CancellationToken.None)).Number.ShouldBe(1);
        }

        var issue = server.Issues.ShouldHaveSingleItem();
        issue.Labels.ShouldBe(["fanout", "backend", "bug"]);
        issue.Body.ShouldContain(IssueMarker.For("r1", "api"));
        server.Labels.ShouldBe(["bug", "fanout", "backend"], ignoreOrder: true);
        server.Requests.Count(r => r is { Method: "POST", Path: "/repos/acme/widgets/labels" }).ShouldBe(2);
    }

    [Fact]
    public async Task A_create_github_carried_out_but_answered_502_is_found_again_not_duplicated()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Script = [new("POST", "/repos/acme/widgets/issues", FaultKind.DoneThenBadGateway)],
            SearchLag = TimeSpan.FromMinutes(5),
        });
        await using var tracker = await OpenAsync(server);

        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "api", "Add the client", "Write it."), CancellationToken.None);

        server.Issues.ShouldHaveSingleItem().Number.ShouldBe(issue.Number);
        server.Requests.Count(r => r is { Method: "POST", Path: "/repos/acme/widgets/issues" }).ShouldBe(1);
        server.Requests.ShouldContain(r => r.Method == "GET" && r.Path == "/repos/acme/widgets/issues");
    }

    [Fact]
    public async Task A_secondary_limit_is_waited_out_for_as_long_as_retry_after_says_then_sent_again()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Script = [new("POST", "/repos/acme/widgets/issues", FaultKind.SecondaryLimit), new("POST", "/repos/acme/widgets/issues", FaultKind.TooManyRequests)],
        });
        await using var tracker = await OpenAsync(server);

        await tracker.EnsureIssueAsync(new IssueRequest("r1", "api", "Add the client", "Write it."), CancellationToken.None);

        server.Issues.Count.ShouldBe(1);
        var creates = server.Requests.Where(r => r is { Method: "POST", Path: "/repos/acme/widgets/issues" }).ToArray();
        creates.Select(r => r.Status).ShouldBe([403, 429, 201]);
        (creates[1].ReceivedAt - creates[0].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (creates[2].ReceivedAt - creates[1].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Comments_close_and_listing_by_run_go_through_github()
    {
        await using var server = SimulatedGitHubServer.Start();
        server.Seed("Someone else's", "no marker", "fanout");
        await using var tracker = await OpenAsync(server);
        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "api", "Add the client", "Write it."), CancellationToken.None);
        await tracker.EnsureIssueAsync(new IssueRequest("r2", "api", "Other run", "Write it."), CancellationToken.None);

        await tracker.AgentStartedAsync(issue.Number, "Agent started.", CancellationToken.None);
        await tracker.CloseAsync(issue.Number, "Delivered.", CancellationToken.None);

        (await tracker.GetAsync(issue.Number, CancellationToken.None))!.State.ShouldBe(IssueState.Closed);
        (await tracker.GetAsync(99, CancellationToken.None)).ShouldBeNull();
        (await tracker.CommentsAsync(issue.Number, CancellationToken.None)).Select(c => c.Body).ShouldBe(["Agent started.", "Delivered."]);
        (await tracker.ListAsync("r1", CancellationToken.None)).Select(i => i.TaskId).ShouldBe(["api"]);
        (await tracker.ListAsync(null, CancellationToken.None)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_listing_github_answered_502_is_sent_again_with_the_same_filter()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions { Script = [new("GET", "/repos/acme/widgets/issues", FaultKind.BadGateway)] });
        server.Seed("Earlier", IssueMarker.For("r0", "a"), "fanout");
        await using var tracker = await OpenAsync(server);

        var issues = await tracker.ListAsync(null, CancellationToken.None);

        issues.ShouldHaveSingleItem().TaskId.ShouldBe("a");
        server.Requests.Where(r => r.Path == "/repos/acme/widgets/issues").Select(r => r.Status).ShouldBe([502, 200]);
    }

    [Fact]
    public async Task Opening_a_pull_request_twice_returns_the_one_already_open()
    {
        await using var server = SimulatedGitHubServer.Start();
        await using var tracker = await OpenAsync(server);
        var opening = new PullRequestOpening("fanout/r1/api", "main", "Add the client", "Closes #1");

        var first = await tracker.OpenPullRequestAsync(opening, CancellationToken.None);
        var second = await tracker.OpenPullRequestAsync(opening, CancellationToken.None);

        second.ShouldBe(first);
        server.Pulls.ShouldHaveSingleItem().Body.ShouldBe("Closes #1");
    }

    [Theory]
    [InlineData("wrong-token", true, true, "rejected the token (401)")]
    [InlineData(null, false, true, "may only read acme/widgets")]
    [InlineData(null, true, false, "issues turned off")]
    public async Task Opening_is_refused_before_anything_is_created_when_the_token_cannot_write_issues(string? token, bool canPush, bool hasIssues, string expected)
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions { CanPush = canPush, HasIssues = hasIssues });

        var error = await Should.ThrowAsync<TrackerAccessException>(() => OpenAsync(server, token));

        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain(server.Options.Token);
        server.Requests.ShouldAllBe(r => r.Method == "GET");
    }

    [Fact]
    public async Task A_repository_github_does_not_know_is_named_in_the_refusal()
    {
        await using var server = SimulatedGitHubServer.Start();
        var options = new GitHubTrackerOptions(new GitHubRepository("acme", "gadgets"), server.BaseAddress, new GitHubToken(server.Options.Token, "GH_TOKEN"));

        var error = await Should.ThrowAsync<TrackerAccessException>(() => GitHubTracker.OpenAsync(options, CancellationToken.None));

        error.Message.ShouldContain("acme/gadgets");
        error.Message.ShouldContain("not found");
        error.Message.ShouldContain("token from GH_TOKEN");
    }

    /// <param name="batching">GitHub's batching settings; REST alone (the one-issue-a-request path) when null.</param>
    internal static Task<GitHubTracker> OpenAsync(SimulatedGitHubServer server, string? token = null, GitHubBatching? batching = null) =>
        GitHubTracker.OpenAsync(
            new GitHubTrackerOptions(new GitHubRepository(server.Options.Owner, server.Options.Name), server.BaseAddress, new GitHubToken(token ?? server.Options.Token, "GITHUB_TOKEN"))
            {
                Pacing = GitHubPacing.Default with { MinInterval = TimeSpan.FromMilliseconds(50), RequestTimeout = TimeSpan.FromSeconds(5) },
                Batching = batching ?? GitHubBatching.Default with { GraphQL = false },
            },
            CancellationToken.None);
}
