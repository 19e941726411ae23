using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests.Durability;

/// <summary>What a crash or a careless agent leaves: gc and clean tell a half-made worktree from work, and keep every commit.</summary>
public sealed class LeftoverTests
{
    [Fact]
    public async Task Gc_removes_a_half_made_worktree_without_force_and_does_not_count_it_as_changes()
    {
        using var repository = await GitRepository.CreateAsync(Enumerable.Range(0, 30).ToDictionary(i => $"f{i}.txt", i => $"{i}\n"));
        var halfMade = Path.Combine(repository.Path + ".worktrees", "crashed", "task-1");

        // Killed between the metadata step and its checkout: registered, a .git file, no index, no files.
        await repository.GitAsync("worktree", "add", "--quiet", "--no-checkout", "-b", "fanout/crashed/task-1", halfMade);

        var gc = await FanoutCli.RunAsync(repository.Path, "gc");

        gc.ExitCode.ShouldBe(0, gc.StandardOutput + gc.StandardError);
        gc.StandardOutput.ShouldMatch(@"removed\s+worktree\s+.*crashed/task-1");
        gc.StandardOutput.ShouldNotContain("uncommitted change");
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        (await repository.BranchesAsync()).ShouldBe(["main"]);
    }

    [Fact]
    public async Task Clean_keeps_a_worktree_whose_detached_head_holds_commits_no_branch_has_until_forced()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(1));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);
        var worktree = (await repository.LinkedWorktreesAsync()).Single();
        await repository.GitAsync("-C", worktree, "checkout", "--quiet", "--detach");
        await File.WriteAllTextAsync(Path.Combine(worktree, "detached.txt"), "work on no branch\n");
        await repository.GitAsync("-C", worktree, "add", "-A");
        await repository.GitAsync("-C", worktree, "commit", "--quiet", "-m", "on a detached head");
        var commit = await repository.GitAsync("-C", worktree, "rev-parse", "HEAD");

        var clean = await FanoutCli.RunAsync(repository.Path, "clean");

        clean.ExitCode.ShouldBe(1, clean.StandardOutput + clean.StandardError);
        clean.StandardOutput.ShouldContain($"kept    task-1: 1 commit(s) on the detached HEAD of {worktree} that no branch has");
        Directory.Exists(worktree).ShouldBeTrue();
        (await repository.GitAsync("cat-file", "-t", commit)).ShouldBe("commit");

        var forced = await FanoutCli.RunAsync(repository.Path, "clean", "--force");

        forced.ExitCode.ShouldBe(0, forced.StandardOutput + forced.StandardError);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_killed_run_reads_interrupted_its_clock_stops_and_status_watch_returns_at_once_naming_the_resume()
    {
        using var harness = await CrashHarness.CreateAsync(3, files: 10);
        var fanout = await harness.StartAsync(new Dictionary<string, string?>(), "run", "fanout.yaml", "--plain");
        (await harness.WaitForAsync(fanout, events => events.OfType<Journal.ProcessStarted>().Any(), CancellationToken.None)).ShouldBeTrue();
        System.Diagnostics.Process.GetProcessById(fanout.Pid).Kill();
        await fanout.Exit;

        var status = await FanoutCli.RunAsync(harness.Repository.Path, "status", "--json");
        var first = JsonDocument.Parse(status.StandardOutput).RootElement.GetProperty("run");
        await Task.Delay(1200);
        var later = JsonDocument.Parse((await FanoutCli.RunAsync(harness.Repository.Path, "status", "--json")).StandardOutput).RootElement.GetProperty("run");
        var watch = await FanoutCli.RunAsync(harness.Repository.Path, "status", "--watch");
        var report = await FanoutCli.RunAsync(harness.Repository.Path, "report");

        first.GetProperty("state").GetString().ShouldBe("interrupted");
        first.GetProperty("interruptedAt").GetString().ShouldNotBeNull();
        first.GetProperty("resume").GetString().ShouldBe($"fanout resume {first.GetProperty("id").GetString()}");
        later.GetProperty("metrics").GetProperty("wallSeconds").GetDouble().ShouldBe(first.GetProperty("metrics").GetProperty("wallSeconds").GetDouble(), "the wall time stops where the run was last heard from");
        watch.ExitCode.ShouldBe(1);
        watch.StandardError.ShouldContain($"fanout resume {first.GetProperty("id").GetString()}");
        report.StandardOutput.ShouldContain("interrupted");
        report.StandardOutput.ShouldContain("Interrupted: last heard from at");
    }
}
