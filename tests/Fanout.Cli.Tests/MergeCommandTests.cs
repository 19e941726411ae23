using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class MergeCommandTests
{
    [Fact]
    public async Task Merge_into_refuses_a_checked_out_branch_with_uncommitted_work_and_changes_nothing()
    {
        using var repository = await CommittedPlanAsync(PlanText.Plan(2));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);
        repository.Write("README.md", "# the user's unsaved edit\n");
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var branches = await repository.BranchesAsync();

        var merge = await FanoutCli.RunAsync(repository.Path, "merge", "--into", "main");

        merge.ExitCode.ShouldBe(2, merge.StandardOutput + merge.StandardError);
        merge.StandardError.ShouldContain("--into main: main is checked out in");
        merge.StandardError.ShouldContain("uncommitted changes (README.md)");
        (await repository.GitAsync("rev-parse", "HEAD")).ShouldBe(head);
        File.ReadAllText(Path.Combine(repository.Path, "README.md")).ShouldBe("# the user's unsaved edit\n");
        (await repository.BranchesAsync()).ShouldBe(branches);
        (await Status(repository)).GetProperty("tasks").EnumerateArray().ShouldAllBe(t => t.GetProperty("state").GetString() == "succeeded");
    }

    [Fact]
    public async Task Merge_into_fast_forwards_a_clean_checked_out_branch_to_the_integration_result()
    {
        using var repository = await CommittedPlanAsync(PlanText.Plan(3));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);

        var merge = await FanoutCli.RunAsync(repository.Path, "merge", "--into", "main");

        merge.ExitCode.ShouldBe(0, merge.StandardOutput + merge.StandardError);
        merge.StandardOutput.ShouldContain("main fast-forwarded to");
        var status = await Status(repository);
        var runId = status.GetProperty("run").GetProperty("id").GetString();
        (await repository.GitAsync("rev-parse", "main")).ShouldBe(await repository.GitAsync("rev-parse", $"fanout/{runId}/integration"));
        File.Exists(Path.Combine(repository.Path, "done-task-2.txt")).ShouldBeTrue();
        (await repository.GitAsync("status", "--porcelain")).ShouldBeEmpty();
        status.GetProperty("run").GetProperty("counts").GetProperty("merged").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Merge_into_a_branch_checked_out_nowhere_that_moved_merges_in_the_integration_worktree_and_moves_the_ref()
    {
        using var repository = await CommittedPlanAsync(PlanText.Plan(2));
        await repository.GitAsync("branch", "release");
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);
        await repository.GitAsync("checkout", "-q", "release");
        repository.Write("CHANGELOG.md", "release notes\n");
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "release notes");
        await repository.GitAsync("checkout", "-q", "main");
        var released = await repository.GitAsync("rev-parse", "release");

        var merge = await FanoutCli.RunAsync(repository.Path, "merge", "--into", "release");

        merge.ExitCode.ShouldBe(0, merge.StandardOutput + merge.StandardError);
        (await repository.GitAsync("merge-base", "--is-ancestor", released, "release")).ShouldBeEmpty();
        var files = await repository.GitAsync("ls-tree", "--name-only", "release");
        files.ShouldContain("CHANGELOG.md");
        files.ShouldContain("done-task-1.txt");
        files.ShouldContain("done-task-2.txt");
    }

    [Fact]
    public async Task Merge_exits_1_when_a_task_conflicts_and_2_for_an_unknown_run_or_both_test_flags()
    {
        using var repository = await CommittedPlanAsync(PlanText.Plan(2, """[sh, -c, 'echo "$FANOUT_TASK" > README.md']"""));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);

        var merge = await FanoutCli.RunAsync(repository.Path, "merge");

        merge.ExitCode.ShouldBe(1, merge.StandardOutput + merge.StandardError);
        merge.StandardOutput.ShouldContain("task-2: conflicts with fanout/");
        merge.StandardOutput.ShouldContain("in README.md");
        var tasks = (await Status(repository)).GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("state").GetString());
        tasks.ShouldBe(new Dictionary<string, string?> { ["task-1"] = "merged", ["task-2"] = "conflicted" });

        var unknown = await FanoutCli.RunAsync(repository.Path, "merge", "nosuchrun");
        unknown.ExitCode.ShouldBe(2);
        unknown.StandardError.ShouldContain("no run 'nosuchrun'");
        (await FanoutCli.RunAsync(repository.Path, "merge", "--test-each", "--test-once")).ExitCode.ShouldBe(2);
    }

    private static async Task<GitRepository> CommittedPlanAsync(string plan)
    {
        var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", plan);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        return repository;
    }

    private static async Task<JsonElement> Status(GitRepository repository)
    {
        var status = await FanoutCli.RunAsync(repository.Path, "status", "--json");
        status.ExitCode.ShouldBe(0, status.StandardError);
        return JsonDocument.Parse(status.StandardOutput).RootElement;
    }
}
