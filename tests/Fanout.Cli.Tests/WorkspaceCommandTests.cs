using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class WorkspaceCommandTests
{
    [Fact]
    public async Task Two_fanout_processes_create_worktrees_in_one_repository_at_once_without_failure()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(12));

        var runs = await Task.WhenAll(FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml"), FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml"));

        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        }

        (await repository.LinkedWorktreesAsync()).Count.ShouldBe(24);
        (await repository.BranchesAsync()).Count.ShouldBe(25);
    }

    [Fact]
    public async Task Each_task_gets_its_own_port_block_and_the_include_files()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { [".gitignore"] = ".env\n" });
        repository.Write(".env", "SECRET=1\n");
        var agent = """[sh, -c, 'echo "$FANOUT_PORT $FANOUT_PORT_COUNT $(cat .env)" > "done-$FANOUT_TASK.txt"']""";
        repository.Write("fanout.yaml", "include: [.env]\nports: {blockSize: 4}\n" + PlanText.Plan(5, agent));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        var lines = new List<string[]>();
        foreach (var worktree in await repository.LinkedWorktreesAsync())
        {
            var done = Directory.GetFiles(worktree, "done-*.txt").ShouldHaveSingleItem();
            lines.Add((await File.ReadAllTextAsync(done)).Trim().Split(' '));
        }

        lines.Count.ShouldBe(5);
        lines.ShouldAllBe(l => l.Length == 3 && l[1] == "4" && l[2] == "SECRET=1");
        var ports = lines.SelectMany(l => Enumerable.Range(int.Parse(l[0], System.Globalization.CultureInfo.InvariantCulture), 4)).ToArray();
        ports.Distinct().Count().ShouldBe(20);
    }

    [Fact]
    public async Task Clean_refuses_dirty_and_unmerged_work_and_exits_1_until_forced()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(3));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);
        var runId = await RunIdAsync(repository);
        var root = repository.Path + ".worktrees";
        await File.WriteAllTextAsync(Path.Combine(root, runId, "task-1", "unsaved.txt"), "not committed\n");
        await repository.GitAsync("merge", "--quiet", "--no-edit", $"fanout/{runId}/task-3");

        var clean = await FanoutCli.RunAsync(repository.Path, "clean");

        clean.ExitCode.ShouldBe(1, clean.StandardError);
        clean.StandardOutput.ShouldContain($"kept    task-1: 1 uncommitted change(s) in {Path.Combine(root, runId, "task-1")}");
        clean.StandardOutput.ShouldContain($"kept    task-2: branch fanout/{runId}/task-2 has 1 commit(s) not merged anywhere");
        clean.StandardOutput.ShouldContain($"cleaned task-3: removed worktree {Path.Combine(root, runId, "task-3")}; deleted branch fanout/{runId}/task-3");
        File.Exists(Path.Combine(root, runId, "task-1", "unsaved.txt")).ShouldBeTrue();
        (await repository.BranchesAsync()).ShouldBe(["fanout/" + runId + "/task-1", "fanout/" + runId + "/task-2", "main"], ignoreOrder: true);
        (await TaskStatesAsync(repository)).ShouldBe(new Dictionary<string, string> { ["task-1"] = "succeeded", ["task-2"] = "succeeded", ["task-3"] = "cleaned" });

        var forced = await FanoutCli.RunAsync(repository.Path, "clean", runId, "--force");

        forced.ExitCode.ShouldBe(0, forced.StandardOutput + forced.StandardError);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        (await repository.BranchesAsync()).ShouldBe(["main"]);
        (await TaskStatesAsync(repository)).Values.ShouldAllBe(s => s == "cleaned");
    }

    [Fact]
    public async Task Gc_removes_only_what_a_crashed_run_left_safely_and_lists_the_rest()
    {
        using var repository = await GitRepository.CreateAsync();
        var root = repository.Path + ".worktrees";
        await repository.GitAsync("worktree", "add", "--quiet", "-b", "fanout/crashed/empty", Path.Combine(root, "crashed", "empty"));
        var working = Path.Combine(root, "crashed", "working");
        await repository.GitAsync("worktree", "add", "--quiet", "-b", "fanout/crashed/working", working);
        await File.WriteAllTextAsync(Path.Combine(working, "work.txt"), "agent's work\n");
        await repository.GitAsync("-C", working, "add", "-A");
        await repository.GitAsync("-C", working, "commit", "--quiet", "-m", "work");
        Directory.CreateDirectory(Path.Combine(root, "crashed", "never-registered"));
        var staleLock = Path.Combine(repository.Path, ".git", "fanout", "locks", "run-crashed.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(staleLock)!);
        await File.WriteAllTextAsync(staleLock, "4242 host\n");

        var gc = await FanoutCli.RunAsync(repository.Path, "gc");

        gc.ExitCode.ShouldBe(1, gc.StandardError);
        gc.StandardOutput.ShouldMatch(@"removed\s+worktree\s+.*crashed/empty");
        gc.StandardOutput.ShouldMatch(@"kept\s+worktree\s+.*crashed/working\s+branch fanout/crashed/working has 1 commit\(s\) not merged anywhere");
        gc.StandardOutput.ShouldMatch(@"removed\s+folder\s+.*never-registered");
        gc.StandardOutput.ShouldMatch(@"removed\s+lock\s+.*run-crashed\.lock");
        gc.StandardOutput.ShouldContain("gc: removed 3, kept 1; disk: worktrees ");
        (await repository.LinkedWorktreesAsync()).ShouldBe([working]);
        (await repository.BranchesAsync()).ShouldBe(["fanout/crashed/working", "main"], ignoreOrder: true);

        var forced = await FanoutCli.RunAsync(repository.Path, "gc", "--force");

        forced.ExitCode.ShouldBe(0, forced.StandardOutput + forced.StandardError);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        (await repository.BranchesAsync()).ShouldBe(["main"]);
    }

    [Fact]
    public async Task A_run_claims_from_a_warm_pool_and_refills_it()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(3));
        var warm = await FanoutCli.RunAsync(repository.Path, "pool", "warm", "2");
        warm.ExitCode.ShouldBe(0, warm.StandardError);
        warm.StandardOutput.ShouldStartWith("pool: 2 ready at main (");
        var pooled = Directory.GetDirectories(Path.Combine(repository.Path + ".worktrees", ".pool")).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray();

        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);

        pooled.ShouldAllBe(p => !Directory.Exists(p), "both pooled worktrees were claimed");
        var status = await FanoutCli.RunAsync(repository.Path, "pool", "status");
        status.StandardOutput.ShouldContain("pool: 2 worktree(s), target 2 at main; disk ");
        (await FanoutCli.RunAsync(repository.Path, "pool", "drain")).ExitCode.ShouldBe(0);
        (await repository.LinkedWorktreesAsync()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Pool_warm_refuses_a_count_beyond_the_bound_with_exit_2()
    {
        using var repository = await GitRepository.CreateAsync();

        var warm = await FanoutCli.RunAsync(repository.Path, "pool", "warm", "5000");

        warm.ExitCode.ShouldBe(2);
        warm.StandardError.ShouldContain("N must be a whole number from 0 to 200, not '5000'");
    }

    private static async Task<string> RunIdAsync(GitRepository repository)
    {
        var status = await FanoutCli.RunAsync(repository.Path, "status", "--json");
        using var json = JsonDocument.Parse(status.StandardOutput);
        return json.RootElement.GetProperty("run").GetProperty("id").GetString()!;
    }

    private static async Task<Dictionary<string, string>> TaskStatesAsync(GitRepository repository)
    {
        var status = await FanoutCli.RunAsync(repository.Path, "status", "--json");
        using var json = JsonDocument.Parse(status.StandardOutput);
        return json.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("state").GetString()!);
    }
}
