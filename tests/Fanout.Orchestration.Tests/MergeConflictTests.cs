using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Merging;
using Fanout.Plans;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class MergeConflictTests
{
    /// <summary>Every task rewrites the first line of shared.txt: any two of them conflict.</summary>
    private const string SameLineAgent = """[sh, -c, 'echo "$FANOUT_TASK was here" > shared.txt']""";

    private static readonly Dictionary<string, string> SharedFile = new() { ["README.md"] = "# sample\n", ["shared.txt"] = "base line\n" };

    [Fact]
    public async Task Two_tasks_editing_the_same_lines_one_merges_and_the_other_is_conflicted_with_the_path_named()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, SameLineAgent), SharedFile);
        var (outcome, _) = await harness.RunAsync();
        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        harness.Repository.Write("notes.txt", "the user's own untracked work\n");
        var head = await harness.Repository.GitAsync("rev-parse", "HEAD");
        var status = await harness.Repository.GitAsync("status", "--porcelain");

        var report = await harness.MergeAsync();

        report.Succeeded.ShouldBeFalse();
        report.Merged.ShouldBe(["task-1"]);
        report.NotMerged.Single().Task.ShouldBe("task-2");
        report.NotMerged.Single().Reason.ShouldContain("shared.txt");
        var run = await harness.LoadAsync(outcome.RunId);
        run.Tasks.Single(t => t.Id == "task-1").State.ShouldBe(TaskState.Merged);
        var conflicted = run.Tasks.Single(t => t.Id == "task-2");
        conflicted.State.ShouldBe(TaskState.Conflicted);
        conflicted.Reason.ShouldBe($"conflicts with fanout/{run.Id}/integration in shared.txt");
        (await harness.CommentsAsync(conflicted.Issue!.Value)).ShouldContain(c => c.Body.Contains("- `shared.txt`", StringComparison.Ordinal));
        (await harness.Repository.GitAsync("show", $"fanout/{run.Id}/integration:shared.txt")).ShouldBe("task-1 was here");

        // The user's checkout: same commit, same changes, same file contents.
        (await harness.Repository.GitAsync("rev-parse", "HEAD")).ShouldBe(head);
        (await harness.Repository.GitAsync("status", "--porcelain")).ShouldBe(status);
        File.ReadAllText(Path.Combine(harness.Repository.Path, "shared.txt")).ShouldBe("base line\n");
        Directory.Exists(report.Worktree).ShouldBeTrue();
        (await new Workspaces.Git(report.Worktree, Processes.ProcessRunner.Instance).TrackedChangesAsync(report.Worktree, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Merging_again_keeps_what_merged_and_retries_what_conflicted()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, SameLineAgent), SharedFile);
        var (outcome, _) = await harness.RunAsync();
        var first = await harness.MergeAsync();

        var second = await harness.MergeAsync();

        second.Head.ShouldBe(first.Head);
        second.Merged.ShouldBe(["task-1"]);
        second.NotMerged.Single().Task.ShouldBe("task-2");
        (await harness.MergeOrderAsync(outcome.RunId)).ShouldBe(["task-1"]);
    }

    [Fact]
    public async Task With_test_each_a_merge_that_breaks_the_tests_is_taken_back_and_named()
    {
        // Each task passes alone; together they break the test.
        var test = """[sh, -c, '! { test -f done-task-1.txt && test -f done-task-2.txt; }']""";
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, test: test));
        var (outcome, _) = await harness.RunAsync();
        outcome.ExitCode.ShouldBe(ExitCodes.Success);

        var report = await harness.MergeAsync(new MergeRequest { Test = MergeTestMode.Each });

        report.Merged.ShouldBe(["task-1", "task-3"]);
        report.NotMerged.Single().Task.ShouldBe("task-2");
        report.NotMerged.Single().Reason.ShouldContain("breaks the tests");
        var files = await harness.FilesAsync(MergeRuns.Integration(outcome.RunId));
        files.ShouldContain("done-task-1.txt");
        files.ShouldNotContain("done-task-2.txt");
        files.ShouldContain("done-task-3.txt");
        (await harness.LoadAsync(outcome.RunId)).Tasks.Single(t => t.Id == "task-2").State.ShouldBe(TaskState.Conflicted);
        var tested = (await harness.EventsAsync(outcome.RunId)).OfType<MergeTested>().ToArray();
        tested.Select(t => (t.Merged.Single(), t.Passed)).ShouldBe([("task-1", true), ("task-2", false), ("task-3", true)]);
    }

    [Fact]
    public async Task With_test_once_broken_tests_are_reported_with_the_merged_set_and_the_into_branch_is_left_alone()
    {
        var test = """[sh, -c, '! { test -f done-task-1.txt && test -f done-task-2.txt; }']""";
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, test: test));
        var (outcome, _) = await harness.RunAsync();
        var main = await harness.Repository.GitAsync("rev-parse", "main");

        var report = await harness.MergeAsync(new MergeRequest { Into = "main" });

        report.Merged.ShouldBe(["task-1", "task-2"]);
        report.Tests!.Passed.ShouldBeFalse();
        report.Tests.Merged.ShouldBe(["task-1", "task-2"]);
        report.Succeeded.ShouldBeFalse();
        report.Into!.ShouldContain("main was not changed");
        (await harness.Repository.GitAsync("rev-parse", "main")).ShouldBe(main);
        (await harness.LoadAsync(outcome.RunId)).Tasks.ShouldAllBe(t => t.State == TaskState.Merged);
    }

    [Fact]
    public async Task A_dependent_whose_dependencies_conflict_fails_in_integrate_with_the_paths_named_before_its_agent_runs()
    {
        var plan = PlanText.Plan(3, SameLineAgent, taskExtra: i => i == 3 ? "    dependsOn: [task-1, task-2]" : string.Empty);
        using var harness = await RunHarness.CreateAsync(plan, SharedFile);

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        var dependent = run.Tasks.Single(t => t.Id == "task-3");
        dependent.State.ShouldBe(TaskState.Failed);
        dependent.Failure!.Phase.ShouldBe(Phase.Integrate);
        dependent.Failure.Message.ShouldContain("merging dependency task-2");
        dependent.Failure.Message.ShouldContain("conflicts in shared.txt");
        dependent.Phases.ShouldNotContain(p => p.Phase == Phase.Agent);

        // The aborted merge left the dependent's worktree as it was: task-1's work, nothing half-merged.
        File.ReadAllText(Path.Combine(dependent.Worktree!, "shared.txt")).ShouldBe("task-1 was here\n");
        (await harness.Repository.GitAsync("-C", dependent.Worktree!, "status", "--porcelain")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tasks_that_conflict_never_run_their_agents_at_the_same_time()
    {
        var agent = """[sh, -c, 'sleep 0.3; echo x > "done-$FANOUT_TASK.txt"']""";
        var plan = PlanText.Plan(4, agent, taskExtra: i => i switch
        {
            1 => "    conflictsWith: [task-2, task-3]",
            4 => "    conflictsWith: [task-3]",
            _ => string.Empty,
        });
        using var harness = await RunHarness.CreateAsync(plan);

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var agents = run.Tasks.ToDictionary(t => t.Id, t => t.Phases.Single(p => p.Phase == Phase.Agent));
        foreach (var (a, b) in new[] { ("task-1", "task-2"), ("task-1", "task-3"), ("task-4", "task-3") })
        {
            var (x, y) = (agents[a], agents[b]);
            (x.EndedAt <= y.StartedAt || y.EndedAt <= x.StartedAt).ShouldBeTrue($"{a} {x.StartedAt:O}-{x.EndedAt:O} overlaps {b} {y.StartedAt:O}-{y.EndedAt:O}");
        }
    }
}
