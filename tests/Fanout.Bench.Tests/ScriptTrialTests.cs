using Fanout.Processes;

using Shouldly;

using Xunit;

namespace Fanout.Bench.Tests;

/// <summary>The pattern as a shell script: its worktrees are made as it says, and the adds that fail are counted.</summary>
public sealed class ScriptTrialTests
{
    [Fact]
    public async Task Every_task_of_the_script_adds_its_worktree_on_its_own_branch()
    {
        using var repository = await BenchRepository.CreateAsync(ProcessRunner.Instance, 5, CancellationToken.None);

        var sample = await ScriptTrial.RunAsync(repository, 3, 1, TimeSpan.FromMilliseconds(10), CancellationToken.None);

        sample.Method.ShouldBe("script");
        sample.Failures.ShouldBe(0);
        var branches = await repository.GitAsync(CancellationToken.None, "for-each-ref", "--format=%(refname:short)", "refs/heads/feature/");
        branches.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ShouldBe(["feature/task-1", "feature/task-2", "feature/task-3"]);
        Directory.Exists(Path.Combine(repository.Path, "worktrees")).ShouldBeFalse("the trial removes what the script left");
    }

    [Fact]
    public async Task An_add_that_fails_is_counted_and_the_others_go_on()
    {
        using var repository = await BenchRepository.CreateAsync(ProcessRunner.Instance, 5, CancellationToken.None);
        await repository.GitAsync(CancellationToken.None, "branch", "feature/task-2");

        var sample = await ScriptTrial.RunAsync(repository, 3, 1, TimeSpan.Zero, CancellationToken.None);

        sample.Failures.ShouldBe(1);
        (await repository.GitAsync(CancellationToken.None, "worktree", "list", "--porcelain")).ShouldContain("branch refs/heads/feature/task-3");
    }
}
