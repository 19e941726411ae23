using System.Text.Json;

using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Cli.Tests.Durability;

/// <summary>
/// Ctrl+C at moments across a run's life: fanout exits 130, everything it left on disk is a branch
/// or worktree <c>status</c> names, and <c>fanout resume</c> finishes the run.
/// </summary>
[Collection(DurabilityTrials.Name)]
public sealed class InterruptResumeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ctrl_c_at_any_moment_exits_130_leaves_only_what_status_shows_and_resume_finishes()
    {
        var random = new Random(20261202);
        var moments = CrashMoments.Named().Concat(Enumerable.Range(0, 4).Select(_ => CrashMoments.AfterEvents(random.Next(1, 120), random.Next(0, 200)))).ToArray();
        var problems = new List<string>();
        var hits = 0;
        foreach (var moment in moments)
        {
            using var harness = await CrashHarness.CreateAsync(6, files: 200);
            var fanout = await harness.StartAsync(new Dictionary<string, string?>(), "run", "fanout.yaml", "--plain", "--tracker-latency", "150ms");
            if (!await harness.WaitForAsync(fanout, moment.Holds, CancellationToken.None))
            {
                await fanout.Exit;
                continue;
            }

            hits++;
            await Task.Delay(moment.Delay);
            await ProcessRunner.Instance.RunAsync(ProcessSpec.Of("kill", "-INT", fanout.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
            var cancelled = await fanout.Exit;
            if (cancelled.ExitCode is not (130 or 0))
            {
                problems.Add($"[{moment.Name}] Ctrl+C exited {cancelled.ExitCode}: {cancelled.StandardError.Trim()}");
            }

            problems.AddRange((await UnshownAsync(harness)).Select(p => $"[{moment.Name}] {p}"));
            var resumed = await FanoutCli.RunAsync(harness.Repository.Path, "resume", "--plain");
            if (resumed.ExitCode != 0)
            {
                problems.Add($"[{moment.Name}] resume exited {resumed.ExitCode}: {resumed.StandardError.Trim()} {string.Join(" | ", resumed.StandardOutput.Split('\n').TakeLast(12))}");
            }
        }

        output.WriteLine($"Ctrl+C trials: {hits} points hit of {moments.Length}; {problems.Count} problems");
        problems.ShouldBeEmpty();
        hits.ShouldBeGreaterThanOrEqualTo(10);
    }

    /// <summary>Worktree folders and branches of the run that no task in <c>status --json</c> names.</summary>
    private static async Task<IReadOnlyList<string>> UnshownAsync(CrashHarness harness)
    {
        var status = await FanoutCli.RunAsync(harness.Repository.Path, "status", "--json");
        using var document = JsonDocument.Parse(status.StandardOutput);
        var run = document.RootElement.GetProperty("run");
        var runId = run.GetProperty("id").GetString()!;
        var problems = new List<string>();
        if (run.GetProperty("state").GetString() is not ("cancelled" or "succeeded"))
        {
            problems.Add($"the run reads {run.GetProperty("state").GetString()} after Ctrl+C");
        }

        var tasks = document.RootElement.GetProperty("tasks").EnumerateArray().ToArray();
        var branches = tasks.Select(t => t.GetProperty("branch").GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var worktrees = tasks.Select(t => t.GetProperty("worktree").GetString()).OfType<string>().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var branch in (await harness.Repository.GitAsync("for-each-ref", "--format=%(refname:short)", $"refs/heads/fanout/{runId}/")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!branches.Contains(branch))
            {
                problems.Add($"branch {branch} is on disk but in no task of status");
            }
        }

        var root = Path.Combine(harness.Repository.Parent, "repo.worktrees", runId);
        foreach (var folder in Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [])
        {
            if (!worktrees.Contains(Path.GetFullPath(folder)))
            {
                problems.Add($"worktree {folder} is on disk but in no task of status");
            }
        }

        return problems;
    }
}
