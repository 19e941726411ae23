using Fanout.Core;
using Fanout.Simulation.GitHub;
using Fanout.TestSupport;
using Fanout.Trackers.GitHub;
using Fanout.Trackers.Tests.GitHub;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests;

/// <summary>What Fanout sends a tracker is redacted, and wrapping a tracker neither adds nor hides what it can do.</summary>
public sealed class RedactingTrackerTests : IDisposable
{
    private const string Token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    private const string Planted = "planted-enterprise-secret";

    private readonly TempDirectory _temp = new("fanout-redacting");
    private readonly Redactor _redactor = new([Planted]);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Issue_titles_bodies_comments_and_closing_and_reopening_comments_are_redacted_before_they_are_stored()
    {
        await using var tracker = RedactingTracker.Wrap(await LocalTracker.OpenAsync(_temp.Combine("tracker.db"), TimeProvider.System, CancellationToken.None), _redactor);
        var ct = CancellationToken.None;

        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", $"Use {Token}", $"Prompt with {Token} and {Planted}."), ct);
        await tracker.CommentAsync(issue.Number, $"stderr: {Planted}", ct);
        await tracker.CloseAsync(issue.Number, $"done with {Token}", ct);
        await tracker.ReopenAsync(issue.Number, $"retried with {Planted}", ct);

        var stored = (await tracker.GetAsync(issue.Number, ct))!;
        stored.Title.ShouldBe($"Use ghp_{Redactor.Mark}");
        stored.Body.ShouldStartWith($"Prompt with ghp_{Redactor.Mark} and {Redactor.Mark}.");
        var comments = (await tracker.CommentsAsync(issue.Number, ct)).Select(c => c.Body).ToArray();
        comments.ShouldBe([$"stderr: {Redactor.Mark}", $"done with ghp_{Redactor.Mark}", $"retried with {Redactor.Mark}"]);
    }

    [Fact]
    public async Task A_local_tracker_stays_one_without_lifecycle_or_pull_requests()
    {
        await using var tracker = RedactingTracker.Wrap(await LocalTracker.OpenAsync(_temp.Combine("tracker.db"), TimeProvider.System, CancellationToken.None), _redactor);

        tracker.ShouldNotBeAssignableTo<ITrackerLifecycle>();
        tracker.ShouldNotBeAssignableTo<IPullRequestTracker>();
        tracker.Name.ShouldBe("local");
    }

    [Fact]
    public async Task Githubs_lifecycle_comments_and_pull_requests_pass_through_redacted()
    {
        await using var server = SimulatedGitHubServer.Start();
        await using var tracker = RedactingTracker.Wrap(await GitHubTrackerTests.OpenAsync(server), _redactor);
        var issue = await tracker.EnsureIssueAsync(new IssueRequest("r1", "a", "Title", $"Body {Token}"), CancellationToken.None);

        await tracker.ShouldBeAssignableTo<ITrackerLifecycle>()!.AgentStartedAsync(issue.Number, $"started {Planted}", CancellationToken.None);
        await tracker.ShouldBeAssignableTo<IPullRequestTracker>()!.OpenPullRequestAsync(new PullRequestOpening("fanout/r1/a", "main", $"PR {Token}", $"Closes #{issue.Number}; {Planted}"), CancellationToken.None);

        server.Bodies.ShouldAllBe(b => !b.Contains(Token, StringComparison.Ordinal) && !b.Contains(Planted, StringComparison.Ordinal));
        server.Pulls.ShouldHaveSingleItem().Body.ShouldBe($"Closes #{issue.Number}; {Redactor.Mark}");
    }

    [Fact]
    public void Every_github_request_gives_up_on_a_connection_within_ten_seconds()
    {
        GitHubHttp.ConnectTimeout.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
        using var handler = GitHubHttp.CreateHandler();
        handler.ConnectTimeout.ShouldBe(GitHubHttp.ConnectTimeout);
        handler.AllowAutoRedirect.ShouldBeFalse();
    }

    [Fact]
    public async Task The_probe_says_why_github_cannot_be_reached_and_nothing_when_it_answers()
    {
        await using var server = SimulatedGitHubServer.Start();
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/");

        (await GitHubHttp.ProbeAsync(server.BaseAddress, CancellationToken.None)).ShouldBeNull();
        (await GitHubHttp.ProbeAsync(closed, CancellationToken.None)).ShouldNotBeNullOrWhiteSpace();
        server.Requests.ShouldAllBe(r => r.Method == "GET");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
