using Fanout.Journal;
using Fanout.Simulation.GitHub;
using Fanout.TestSupport;
using Fanout.Trackers;

using Shouldly;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Cli.Tests.Durability;

/// <summary>
/// A real fanout of ten tasks is killed with SIGKILL at seeded moments across its whole life, and
/// <c>fanout resume</c> finishes it each time: every task succeeds once, one issue and one branch per
/// task, every commit the killed attempt made kept, no process of it left running.
/// </summary>
[Collection(DurabilityTrials.Name)]
public sealed class CrashResumeTests(ITestOutputHelper output)
{
    private const int Tasks = 10;
    private const int Seed = 20261201;

    [Fact]
    public async Task Killing_fanout_at_any_moment_and_resuming_does_every_task_once_and_loses_nothing()
    {
        var random = new Random(Seed);
        var moments = CrashMoments.Named().Concat(Enumerable.Range(0, 14).Select(_ => CrashMoments.AfterEvents(random.Next(1, 160), random.Next(0, 250)))).ToArray();
        var tally = new CrashTally();
        foreach (var moment in moments)
        {
            using var harness = await CrashHarness.CreateAsync(Tasks, files: 300);
            await TrialAsync(harness, moment, new Dictionary<string, string?>(), ["--tracker-latency", "150ms"], tally, LocalIssuesAsync);
        }

        output.WriteLine(tally.Summary("local tracker"));
        tally.Hits.ShouldBeGreaterThanOrEqualTo(20, tally.Summary("local tracker"));
        tally.Missed.ShouldNotContain(m => m == CrashMoments.InsideIssueCreation || m == CrashMoments.InsideWorktreeCreation);
        tally.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Killing_fanout_against_a_faulty_github_and_resuming_never_duplicates_an_issue()
    {
        // 502s after the issue was made, and answers that come late: a create the killed process never heard back from.
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions { FaultRate = 0.1, Seed = Seed, AnswerDelay = TimeSpan.FromMilliseconds(100) });
        var random = new Random(Seed + 1);
        var moments = CrashMoments.Named().Where(m => m.Name is CrashMoments.InsideIssueCreation or CrashMoments.InsideWorktreeCreation || m == CrashMoments.InAgent)
            .Concat(Enumerable.Range(0, 3).Select(_ => CrashMoments.AfterEvents(random.Next(1, 120), random.Next(0, 250))))
            .ToArray();
        var tally = new CrashTally();
        var token = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = server.Options.Token, ["GH_TOKEN"] = null };
        foreach (var moment in moments)
        {
            using var harness = await CrashHarness.CreateAsync(Tasks, files: 200, planHeader: $"tracker: github\ngithub: {{repo: {server.Repository}, baseUrl: '{server.BaseAddress}', minInterval: 10ms, perMinute: 100000, perHour: 1000000}}\n");
            await TrialAsync(harness, moment, token, [], tally, (_, runId) => Task.FromResult(GitHubIssues(server, runId)));
        }

        output.WriteLine(tally.Summary("simulated GitHub with create-then-fail faults"));
        tally.Hits.ShouldBeGreaterThanOrEqualTo(5, tally.Summary("github"));
        tally.Problems.ShouldBeEmpty();
    }

    private static async Task TrialAsync(
        CrashHarness harness,
        CrashMoment moment,
        IReadOnlyDictionary<string, string?> environment,
        string[] runArguments,
        CrashTally tally,
        Func<CrashHarness, string, Task<IReadOnlyList<(string Task, int Number)>>> issues)
    {
        var fanout = await harness.StartAsync(environment, ["run", "fanout.yaml", "--plain", .. runArguments]);
        var hit = await harness.WaitForAsync(fanout, moment.Holds, CancellationToken.None);
        if (!hit)
        {
            await fanout.Exit;
            tally.Miss(moment.Name);
            return;
        }

        await Task.Delay(moment.Delay);
        Process(fanout.Pid).Kill();
        var killed = await fanout.Exit;
        await using var before = await SqliteJournal.OpenAsync(harness.JournalFile, CancellationToken.None);
        var run = (await before.LoadRunAsync(null, CancellationToken.None))!;
        var commits = await harness.CommitsMadeAsync(run.Id);
        var orphans = await OrphansAsync(harness, run);
        var resumed = await FanoutCli.RunAsync(harness.Repository.Path, environment, "resume", "--plain");

        var problems = new List<string>();
        if (resumed.ExitCode != 0)
        {
            problems.Add($"resume exited {resumed.ExitCode}: {Tail(resumed.StandardError + resumed.StandardOutput)}");
        }

        var events = await before.EventsAsync(run.Id, CancellationToken.None);
        var succeeded = events.OfType<TaskStateChanged>().Where(e => e.State == TaskState.Succeeded).GroupBy(e => e.TaskId).ToDictionary(g => g.Key, g => g.Count());
        problems.AddRange(run.Tasks.Where(t => succeeded.GetValueOrDefault(t.Id) != 1).Select(t => $"{t.Id} succeeded {succeeded.GetValueOrDefault(t.Id)} times"));
        var byTask = (await issues(harness, run.Id)).GroupBy(i => i.Task).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = byTask.Values.Sum(n => n - 1);
        problems.AddRange(run.Tasks.Where(t => byTask.GetValueOrDefault(t.Id) != 1).Select(t => $"{t.Id} has {byTask.GetValueOrDefault(t.Id)} issue(s)"));
        var branches = (await harness.Repository.GitAsync("for-each-ref", "--format=%(refname:short)", $"refs/heads/fanout/{run.Id}/")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (branches.Length != Tasks)
        {
            problems.Add($"{branches.Length} branches: {string.Join(", ", branches)}");
        }

        var lost = 0;
        foreach (var (task, commit) in commits)
        {
            if (!await harness.IsAncestorAsync(commit, $"fanout/{run.Id}/{task}"))
            {
                lost++;
                problems.Add($"commit {commit[..12]} of {task} is not in its final branch");
            }
        }

        if (orphans.Count > 0)
        {
            problems.Add($"processes of the killed attempt still running: {string.Join(", ", orphans)}");
        }

        tally.Hit(moment.Name, killed.ExitCode, commits.Count, duplicates, lost, orphans.Count, problems.Select(p => $"[{moment.Name}] {p}"));
    }

    /// <summary>Processes the killed attempt started that are still alive a few seconds after the kill.</summary>
    private static async Task<IReadOnlyList<int>> OrphansAsync(CrashHarness harness, RunSnapshot run)
    {
        var logs = Path.Combine(harness.Repository.Path, ".git", "fanout", "runs", run.Id, "logs");
        var pids = run.Tasks.SelectMany(t => t.RunningProcesses).Select(p => p.Pid)
            .Concat(Directory.Exists(logs) ? Directory.EnumerateFiles(logs, "*.pids").SelectMany(File.ReadAllLines).Select(int.Parse) : [])
            .Distinct()
            .ToArray();
        for (var wait = 0; wait < 60 && pids.Any(Alive); wait++)
        {
            await Task.Delay(50);
        }

        return [.. pids.Where(Alive)];
    }

    private static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<(string Task, int Number)>> LocalIssuesAsync(CrashHarness harness, string runId)
    {
        await using var tracker = await LocalTracker.OpenAsync(Path.Combine(harness.Repository.Path, ".git", "fanout", "tracker.db"), TimeProvider.System, CancellationToken.None);
        return [.. (await tracker.ListAsync(runId, CancellationToken.None)).Select(i => (i.TaskId ?? "?", i.Number))];
    }

    private static IReadOnlyList<(string Task, int Number)> GitHubIssues(SimulatedGitHubServer server, string runId)
    {
        var found = new List<(string, int)>();
        foreach (var issue in server.Issues)
        {
            if (IssueMarker.TryParse(issue.Body, out var run, out var task) && run == runId)
            {
                found.Add((task, issue.Number));
            }
        }

        return found;
    }

    private static System.Diagnostics.Process Process(int pid) => System.Diagnostics.Process.GetProcessById(pid);

    private static string Tail(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(4));
}
