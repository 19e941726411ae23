using System.Text;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Processes;
using Fanout.Simulation.GitHub;
using Fanout.TestSupport;

using Shouldly;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Orchestration.Tests;

/// <summary>
/// Whole runs with <c>tracker: github</c> against a local fake GitHub that misbehaves: the pacing
/// interval is 100 ms here so thirty tasks take seconds; the default 1 s / 80 a minute / 500 an
/// hour are proven on a fake clock in the tracker's governor tests.
/// </summary>
[Collection(GitHubEnvironment.Name)]
public sealed class GitHubRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Thirty_tasks_at_a_twenty_percent_fault_rate_end_with_thirty_issues_each_created_once_and_paced()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            // A server without GraphQL: the tracker falls back to REST, one issue a request, so issues trail the agents.
            GraphQL = false,
            FaultRate = 0.2,
            SlowDelay = TimeSpan.FromMilliseconds(800),
            SearchLag = TimeSpan.FromMinutes(5),

            // The duplicate trap, for certain: the first two creates are carried out and answered 502.
            Script = [new("POST", "/repos/acme/widgets/issues", FaultKind.DoneThenBadGateway), new("POST", "/repos/acme/widgets/issues", FaultKind.DoneThenBadGateway)],
        });
        using var harness = await RunHarness.CreateAsync(GitHubPlan(server, 30, "env > \"$FANOUT_LOG_FILE.env\""));

        var (outcome, run, events) = await RunAsync(harness, server);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, string.Join('\n', run.Tasks.Select(t => $"{t.Id} {t.State} {t.Reason}")));
        var markers = server.Issues.Select(i => Fanout.Trackers.IssueMarker.TryParse(i.Body, out var r, out var t) ? $"{r}/{t}" : "none").ToArray();
        markers.Length.ShouldBe(30);
        markers.Distinct().Count().ShouldBe(30);
        markers.ShouldAllBe(m => m.StartsWith(run.Id + "/", StringComparison.Ordinal));
        server.Issues.ShouldAllBe(i => i.Closed && i.Comments.Count == 2);
        run.Tasks.Select(t => t.Issue).ShouldBe(run.Tasks.Select(t => server.Issues.Single(i => i.Body.Contains($"task={t.Id} ", StringComparison.Ordinal)).Number).Cast<int?>());

        var served = server.Requests;
        served.Count(r => r.Fault != FaultKind.None).ShouldBeGreaterThan(10);
        var mutations = served.Where(r => r.Mutating).OrderBy(r => r.ReceivedAt).ToArray();
        mutations.Zip(mutations.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).Min().ShouldBeGreaterThanOrEqualTo(Interval);

        // No agent waited for the tracker: some started while their own issue was still queued.
        var agentStarts = events.OfType<PhaseStarted>().Where(e => e.Phase == Phase.Agent).ToDictionary(e => e.TaskId, e => e.At);
        var issueEnds = events.OfType<PhaseEnded>().Where(e => e.Phase == Phase.Issue).ToDictionary(e => e.TaskId, e => e.At);
        agentStarts.Count(a => a.Value < issueEnds[a.Key]).ShouldBeGreaterThan(0);
        agentStarts.Values.Min().ShouldBeLessThan(issueEnds.Values.Max());

        await AssertTokenNowhereAsync(harness, server);
        output.WriteLine(
            $"requests {served.Count}, mutating {mutations.Length}, faults {string.Join(", ", served.Where(r => r.Fault != FaultKind.None).GroupBy(r => r.Fault).Select(g => $"{g.Key} {g.Count()}"))}; " +
            $"mutations span {(mutations[^1].ReceivedAt - mutations[0].ReceivedAt).TotalSeconds:F1} s, min gap {mutations.Zip(mutations.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).Min().TotalMilliseconds:F0} ms; " +
            $"run wall {(run.EndedAt - run.StartedAt)?.TotalSeconds:F1} s; first agent start {(agentStarts.Values.Min() - run.StartedAt).TotalSeconds:F1} s, last issue linked {(issueEnds.Values.Max() - run.StartedAt).TotalSeconds:F1} s; " +
            $"agents started before their issue existed: {agentStarts.Count(a => a.Value < issueEnds[a.Key])}/30");
    }

    [Fact]
    public async Task Twenty_tasks_get_their_issues_in_batches_each_created_once_though_github_answers_502_after_carrying_out_half_a_batch()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            SearchLag = TimeSpan.FromMinutes(5),
            Script = [new("POST", "/graphql", FaultKind.PartlyDoneThenBadGateway)],
        });
        using var harness = await RunHarness.CreateAsync(GitHubPlan(server, 20, "true"));

        var (outcome, run, _) = await RunAsync(harness, server);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, string.Join('\n', run.Tasks.Select(t => $"{t.Id} {t.State} {t.Reason}")));
        var markers = server.Issues.Select(i => Fanout.Trackers.IssueMarker.TryParse(i.Body, out var r, out var t) ? $"{r}/{t}" : "none").ToArray();
        markers.Order().ShouldBe(run.Tasks.Select(t => $"{run.Id}/{t.Id}").Order());
        run.Tasks.Select(t => t.Issue).ShouldBe(run.Tasks.Select(t => server.Issues.Single(i => i.Body.Contains($"task={t.Id} ", StringComparison.Ordinal)).Number).Cast<int?>());
        var batches = server.Requests.Count(r => r.Path == "/graphql");
        batches.ShouldBeInRange(3, 20 / 2);
        server.Requests.Count(r => r is { Method: "POST", Path: "/repos/acme/widgets/issues" }).ShouldBe(0);
        output.WriteLine($"{batches} GraphQL requests for 20 issues; {server.Requests.Count} requests in all");
    }

    [Fact]
    public async Task A_token_github_rejects_stops_the_run_with_bad_input_before_anything_is_created()
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions { Token = "ghp_theOnlyGoodToken000000000000000000000" });
        using var harness = await RunHarness.CreateAsync(GitHubPlan(server, 2, "true"));

        var error = await Should.ThrowAsync<UserInputException>(() => RunAsync(harness, server));

        error.Message.ShouldContain("rejected the token (401)");
        error.Message.ShouldContain("GITHUB_TOKEN");
        error.Message.ShouldNotContain(GitHubEnvironment.Token);
        server.Requests.ShouldAllBe(r => r.Method == "GET");
        File.Exists(Path.Combine(harness.Repository.Path, ".git", "fanout", "journal.db")).ShouldBeFalse();
        (await harness.Repository.BranchesAsync()).ShouldBe(["main"]);
    }

    [Fact]
    public async Task With_pull_requests_each_verified_branch_is_pushed_and_gets_a_pull_request_closing_its_issue()
    {
        await using var server = SimulatedGitHubServer.Start();
        using var remote = new TempDirectory("fanout-remote");
        await GitHubEnvironment.InitBareAsync(remote.Path);
        using var harness = await RunHarness.CreateAsync(GitHubPlan(server, 2, "true"));
        await harness.Repository.GitAsync("remote", "add", "origin", remote.Path);

        var (outcome, run, _) = await RunAsync(harness, server, pullRequests: true);

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        server.Pulls.Count.ShouldBe(2);
        foreach (var task in run.Tasks)
        {
            var pull = server.Pulls.Single(p => p.Head == task.Branch);
            pull.Body.ShouldStartWith($"Closes #{task.Issue}");
            pull.Base.ShouldBe("main");
            server.Issues.Single(i => i.Number == task.Issue).Closed.ShouldBeFalse();
            (await GitHubEnvironment.BranchesAsync(remote.Path)).ShouldContain(task.Branch!);
        }
    }

    private static string GitHubPlan(SimulatedGitHubServer server, int tasks, string extraAgentCommand)
    {
        var plan = PlanText.Plan(tasks, $"""[sh, -c, 'echo "$FANOUT_TASK" > "done-$FANOUT_TASK.txt"; {extraAgentCommand.Replace("'", "'\\''", StringComparison.Ordinal)}']""");
        var github = $"""
            tracker: github
            github:
              repo: {server.Repository}
              baseUrl: {server.BaseAddress}
              minInterval: {(int)Interval.TotalMilliseconds}ms
              perMinute: 1000
              perHour: 10000

            """;
        return plan.Insert(plan.IndexOf('\n', StringComparison.Ordinal) + 1, github);
    }

    private static async Task<(RunOutcome Outcome, RunSnapshot Run, IReadOnlyList<RunEvent> Events)> RunAsync(RunHarness harness, SimulatedGitHubServer server, bool pullRequests = false)
    {
        using var token = GitHubEnvironment.Set(GitHubEnvironment.Token);
        await using var session = await harness.SessionAsync();
        var prepared = await RunPreparation.PrepareAsync(
            session,
            new RunOptions(Path.Combine(harness.Repository.Path, "fanout.yaml")) { PullRequests = pullRequests },
            CancellationToken.None);
        var outcome = await RunLauncher.LaunchAsync(session, prepared, null, CancellationToken.None);
        var journal = await session.JournalAsync(CancellationToken.None);
        return (outcome, (await journal.LoadRunAsync(outcome.RunId, CancellationToken.None))!, await journal.EventsAsync(outcome.RunId, CancellationToken.None));
    }

    /// <summary>The token is in no file Fanout wrote (journal, logs, prompts, agent environments) and in nothing it sent GitHub but the header.</summary>
    private static async Task AssertTokenNowhereAsync(RunHarness harness, SimulatedGitHubServer server)
    {
        var state = Path.Combine(harness.Repository.Path, ".git", "fanout");
        var files = Directory.EnumerateFiles(state, "*", SearchOption.AllDirectories).ToArray();
        files.ShouldContain(f => f.EndsWith(".env", StringComparison.Ordinal));
        files.ShouldContain(f => Path.GetFileName(f) == "journal.db");
        foreach (var file in files)
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            text.ShouldNotContain(GitHubEnvironment.Token, customMessage: file);
        }

        server.Bodies.ShouldAllBe(b => !b.Contains(GitHubEnvironment.Token, StringComparison.Ordinal));
    }
}
