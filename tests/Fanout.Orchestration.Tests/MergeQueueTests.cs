using Fanout.Core;
using Fanout.Journal;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class MergeQueueTests
{
    [Fact]
    public async Task Independent_tasks_merge_cleanly_into_the_integration_branch_without_touching_the_checkout()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(4, test: "[sh, -c, 'test -f README.md']"));
        var head = await harness.Repository.GitAsync("rev-parse", "HEAD");

        var (outcome, run) = await harness.RunMergingAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        outcome.Merge!.Succeeded.ShouldBeTrue();
        outcome.Merge.Tests!.Passed.ShouldBeTrue();
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Merged);
        var files = await harness.FilesAsync(MergeRuns.Integration(run.Id));
        files.ShouldBe(["README.md", "done-task-1.txt", "done-task-2.txt", "done-task-3.txt", "done-task-4.txt", "fanout.yaml"], ignoreOrder: true);
        (await harness.Repository.GitAsync("rev-parse", "HEAD")).ShouldBe(head);
        (await harness.Repository.GitAsync("status", "--porcelain")).ShouldBeEmpty();
        (await harness.Repository.GitAsync("rev-parse", "--abbrev-ref", "HEAD")).ShouldBe("main");
        (await harness.EventsAsync(run.Id)).OfType<MergeTested>().Single().Merged.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_chain_and_a_diamond_run_and_merge_in_dependency_order_and_each_dependent_sees_its_dependencies_work()
    {
        var plan = PlanText.Plan(7, MergeRuns.LookingAgent, taskExtra: i => i switch
        {
            // Chain: 1 -> 2 -> 3. Diamond: 4 -> (5, 6) -> 7. Listed so plan order differs from dependency order.
            2 => "    dependsOn: [task-1]",
            3 => "    dependsOn: [task-2]",
            5 => "    dependsOn: [task-4]",
            6 => "    dependsOn: [task-4]",
            7 => "    dependsOn: [task-6, task-5]",
            _ => string.Empty,
        });
        using var harness = await RunHarness.CreateAsync(plan);

        var (outcome, run) = await harness.RunMergingAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success, string.Join("\n", run.Tasks.Select(t => $"{t.Id} {t.State} {t.Reason} {t.Failure?.Message}")));
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Merged);
        var seen = (string task) => File.ReadAllText(Path.Combine(run.Tasks.Single(t => t.Id == task).Worktree!, $"seen-{task}.txt"));
        seen("task-2").ShouldContain("done-task-1.txt");
        seen("task-3").ShouldContain("done-task-1.txt");
        seen("task-3").ShouldContain("done-task-2.txt");
        seen("task-5").ShouldContain("done-task-4.txt");
        seen("task-5").ShouldNotContain("done-task-6.txt");
        seen("task-7").ShouldContain("done-task-4.txt");
        seen("task-7").ShouldContain("done-task-5.txt");
        seen("task-7").ShouldContain("done-task-6.txt");
        seen("task-1").ShouldNotContain("done-task-");

        var order = await harness.MergeOrderAsync(run.Id);
        order.Count.ShouldBe(7);
        foreach (var task in run.Tasks)
        {
            task.DependsOn.ShouldAllBe(d => order.ToList().IndexOf(d) < order.ToList().IndexOf(task.Id));
        }

        // A dependent's own commit is its work alone: its dependencies came in by merge, before its agent started.
        var seven = run.Tasks.Single(t => t.Id == "task-7");
        seven.Phases.Single(p => p.Phase == Phase.Integrate).EndedAt!.Value.ShouldBeLessThanOrEqualTo(seven.Phases.Single(p => p.Phase == Phase.Agent).StartedAt);
        (await harness.Repository.GitAsync("show", "--name-only", "--format=", seven.Branch!)).Split('\n').ShouldBe(["done-task-7.txt", "seen-task-7.txt"], ignoreOrder: true);
        (await harness.FilesAsync(MergeRuns.Integration(run.Id))).Count(f => f.StartsWith("done-", StringComparison.Ordinal)).ShouldBe(7);
    }

    [Fact]
    public async Task A_failed_dependency_blocks_exactly_its_dependents_and_none_of_them_merge()
    {
        var agent = """[sh, -c, 'if [ "$FANOUT_TASK" = task-2 ]; then exit 3; fi; echo x > "done-$FANOUT_TASK.txt"']""";
        var plan = PlanText.Plan(5, agent, taskExtra: i => i switch
        {
            3 => "    dependsOn: [task-2]",
            4 => "    dependsOn: [task-3]",
            5 => "    dependsOn: [task-1]",
            _ => string.Empty,
        });
        using var harness = await RunHarness.CreateAsync(plan);

        var (outcome, run) = await harness.RunMergingAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        run.Tasks.ToDictionary(t => t.Id, t => t.State).ShouldBe(new Dictionary<string, TaskState>
        {
            ["task-1"] = TaskState.Merged,
            ["task-2"] = TaskState.Failed,
            ["task-3"] = TaskState.Blocked,
            ["task-4"] = TaskState.Blocked,
            ["task-5"] = TaskState.Merged,
        });
        run.Tasks.Single(t => t.Id == "task-4").Reason!.ShouldContain("task-3 blocked");
        outcome.Merge!.NotMerged.Select(n => n.Task).ShouldBe(["task-2", "task-3", "task-4"], ignoreOrder: true);
    }
}
