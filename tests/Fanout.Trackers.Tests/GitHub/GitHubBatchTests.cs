using Fanout.Simulation.GitHub;
using Fanout.Trackers.GitHub;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests.GitHub;

/// <summary>Issues created several at a time through GitHub's GraphQL API, behind the one-issue call every worker makes.</summary>
public sealed class GitHubBatchTests
{
    // Long enough that every caller of a test joins the first batch it can.
    private static readonly GitHubBatching Batching = GitHubBatching.Default with { Window = TimeSpan.FromMilliseconds(300) };

    private static readonly string[] FanoutAndBackend = ["fanout", "backend"];

    [Fact]
    public async Task Twenty_issues_ensured_at_once_go_to_github_as_two_graphql_requests_with_their_markers_and_labels()
    {
        await using var server = SimulatedGitHubServer.Start();
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);

        var issues = await EnsureAsync(tracker, 20, labels: ["backend"]);

        issues.Select(i => i.Number).Order().ShouldBe(Enumerable.Range(1, 20));
        issues.ShouldAllBe(i => i.RunId == "r1" && i.Labels.SequenceEqual(FanoutAndBackend));
        server.Issues.Count.ShouldBe(20);
        server.Issues.Select(i => IssueMarker.TryParse(i.Body, out var run, out var task) ? $"{run}/{task}" : null).Order().ShouldBe(issues.Select(i => $"r1/{i.TaskId}").Order());
        server.Issues.ShouldAllBe(i => i.Labels.SequenceEqual(FanoutAndBackend));
        Creates(server).ShouldBe([10, 10]);
        server.Requests.ShouldNotContain(r => r.Method == "POST" && r.Path == "/repos/acme/widgets/issues");
        tracker.RequestCount.ShouldBe(server.Requests.Count);
    }

    [Fact]
    public async Task A_batch_github_half_carried_out_then_answered_502_is_looked_up_by_marker_and_only_the_rest_is_sent_again()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Script = [new("POST", "/graphql", FaultKind.PartlyDoneThenBadGateway)],
            SearchLag = TimeSpan.FromMinutes(5),
        });
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);

        var issues = await EnsureAsync(tracker, 6);

        server.Issues.Select(i => i.Number).ShouldBe(Enumerable.Range(1, 6));
        issues.Select(i => i.TaskId).Order().ShouldBe(Enumerable.Range(0, 6).Select(n => $"t{n}").Order());
        Creates(server).ShouldBe([6, 3]);
        server.Requests.ShouldContain(r => r.Method == "GET" && r.Path == "/repos/acme/widgets/issues");
    }

    [Fact]
    public async Task A_batch_github_carried_out_but_answered_502_is_found_again_and_never_sent_twice()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Script = [new("POST", "/graphql", FaultKind.DoneThenBadGateway)],
            SearchLag = TimeSpan.FromMinutes(5),
        });
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);

        var issues = await EnsureAsync(tracker, 4);

        server.Issues.Count.ShouldBe(4);
        issues.Select(i => i.Number).Order().ShouldBe([1, 2, 3, 4]);
        Creates(server).ShouldBe([4]);
    }

    [Fact]
    public async Task A_secondary_limit_on_a_batch_is_waited_out_as_retry_after_says_then_the_batch_is_sent_again()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Script = [new("POST", "/graphql", FaultKind.SecondaryLimit)],
        });
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);

        await EnsureAsync(tracker, 3);

        server.Issues.Count.ShouldBe(3);
        var sends = server.Requests.Where(r => r.Path == "/graphql").ToArray();
        sends.Select(r => r.Status).ShouldBe([403, 200]);
        (sends[1].ReceivedAt - sends[0].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_batch_graphql_refuses_for_load_in_its_answer_is_sent_again_after_a_wait_not_by_rest()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Script = [new("POST", "/graphql", FaultKind.GraphQLRateLimited)],
        });
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);

        await EnsureAsync(tracker, 3);

        server.Issues.Count.ShouldBe(3);
        var sends = server.Requests.Where(r => r.Path == "/graphql").ToArray();
        sends.Length.ShouldBe(2);
        (sends[1].ReceivedAt - sends[0].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        Creates(server).ShouldBe([3, 3]);
        server.Requests.Count(r => r is { Method: "POST", Path: "/repos/acme/widgets/issues" }).ShouldBe(0);
    }

    [Fact]
    public async Task A_server_without_graphql_gets_its_issues_by_rest_and_is_not_asked_again()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions { GraphQL = false });
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);

        await EnsureAsync(tracker, 3);
        await tracker.EnsureIssueAsync(new IssueRequest("r1", "later", "Later", "Body"), CancellationToken.None);

        server.Issues.Count.ShouldBe(4);
        server.Requests.Count(r => r.Path == "/graphql").ShouldBe(1);
        server.Requests.Count(r => r is { Method: "POST", Path: "/repos/acme/widgets/issues" }).ShouldBe(4);
    }

    [Fact]
    public async Task A_rerun_finds_the_issues_its_batches_made_instead_of_making_more()
    {
        await using var server = SimulatedGitHubServer.Start();
        await using (var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching))
        {
            await EnsureAsync(tracker, 5);
        }

        await using var rerun = await GitHubTrackerTests.OpenAsync(server, batching: Batching);
        var again = await EnsureAsync(rerun, 5);

        server.Issues.Count.ShouldBe(5);
        again.Select(i => i.Number).Order().ShouldBe([1, 2, 3, 4, 5]);
        Creates(server).ShouldBe([5]);
    }

    [Fact]
    public async Task The_graphql_request_names_its_values_as_variables_and_carries_no_task_text_in_the_document()
    {
        await using var server = SimulatedGitHubServer.Start();
        await using var tracker = await GitHubTrackerTests.OpenAsync(server, batching: Batching);
        const string Hostile = "\") { x } mutation { deleteRepository(input: {}) } #";

        await tracker.EnsureIssueAsync(new IssueRequest("r1", "t0", Hostile, Hostile), CancellationToken.None);

        server.Issues.ShouldHaveSingleItem().Title.ShouldBe(Hostile);
        using var sent = System.Text.Json.JsonDocument.Parse(server.Bodies[server.Requests.ToList().FindIndex(r => r.Path == "/graphql")]);
        sent.RootElement.GetProperty("query").GetString()!.ShouldNotContain("deleteRepository");
        sent.RootElement.GetProperty("variables").GetProperty("title0").GetString().ShouldBe(Hostile);
    }

    private static Task<TrackerIssue[]> EnsureAsync(GitHubTracker tracker, int count, string[]? labels = null) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(n => Task.Run(() =>
            tracker.EnsureIssueAsync(new IssueRequest("r1", $"t{n}", $"Task {n}", "Body") { Labels = labels ?? [] }, CancellationToken.None))));

    /// <summary>How many issues each GraphQL request asked for, in order.</summary>
    private static int[] Creates(SimulatedGitHubServer server)
    {
        var requests = server.Requests;
        var bodies = server.Bodies;
        return [.. requests.Select((r, i) => (r, i)).Where(x => x.r.Path == "/graphql").Select(x => CountCreates(bodies[x.i]))];
    }

    private static int CountCreates(string body)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var query = document.RootElement.GetProperty("query").GetString()!;
        return query.Split("createIssue(").Length - 1;
    }
}
