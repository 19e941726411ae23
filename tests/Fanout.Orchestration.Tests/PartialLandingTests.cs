using Fanout.Orchestration.Merging;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary><c>merge --into BRANCH --partial</c>: the tasks that merged with passing tests land although one failed.</summary>
public sealed class PartialLandingTests
{
    private const string SecondFails = """[sh, -c, 'test "$FANOUT_TASK" != task-2 || exit 4; echo ok > "done-$FANOUT_TASK.txt"']""";

    [Fact]
    public async Task Without_partial_the_refusal_names_both_ways_forward_and_the_branch_is_left_alone()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, SecondFails, test: "[sh, -c, 'test -f README.md']"));
        var (_, run) = await harness.RunAsync();
        var main = await harness.Repository.GitAsync("rev-parse", "main");

        var report = await harness.MergeAsync(new MergeRequest { Into = "main" });

        report.Merged.ShouldBe(["task-1", "task-3"]);
        report.Into!.ShouldContain("main was not changed");
        report.Into!.ShouldContain("task-2 did not");
        report.Into!.ShouldContain($"fanout merge {run.Id} --into main --partial");
        report.Into!.ShouldContain("fanout retry task-2");
        (await harness.Repository.GitAsync("rev-parse", "main")).ShouldBe(main);
    }

    [Fact]
    public async Task With_partial_the_tasks_that_merged_land_and_the_ones_left_out_are_named()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, SecondFails, test: "[sh, -c, 'test -f README.md']"));
        await harness.RunAsync();

        var report = await harness.MergeAsync(new MergeRequest { Into = "main", Partial = true });

        report.Succeeded.ShouldBeFalse("a task was left out");
        report.Into!.ShouldContain("landed task-1, task-3, left out task-2");
        var landed = await harness.FilesAsync("main");
        landed.ShouldContain("done-task-1.txt");
        landed.ShouldContain("done-task-3.txt");
        landed.ShouldNotContain("done-task-2.txt");
    }

    [Fact]
    public async Task With_partial_nothing_lands_when_the_tests_fail_on_what_merged()
    {
        // Each task passes alone; together they break the tests.
        var test = """[sh, -c, '! { test -f done-task-1.txt && test -f done-task-3.txt; }']""";
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, SecondFails, test: test));
        await harness.RunAsync();
        var main = await harness.Repository.GitAsync("rev-parse", "main");

        var report = await harness.MergeAsync(new MergeRequest { Into = "main", Partial = true });

        report.Into!.ShouldContain("main was not changed: the tests failed on the merged tasks");
        (await harness.Repository.GitAsync("rev-parse", "main")).ShouldBe(main);
    }
}
