using Fanout.Core;
using Fanout.Journal;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class RunPipelineTests
{
    [Fact]
    public async Task Twenty_tasks_whose_agents_edit_files_all_succeed_with_distinct_branches_and_issues()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(20, test: "[sh, -c, 'test -s done-$FANOUT_TASK.txt']"));

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.State.ShouldBe(RunState.Succeeded);
        run.Tasks.Count.ShouldBe(20);
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded);
        run.Tasks.Select(t => t.Branch).Distinct().Count().ShouldBe(20);
        run.Tasks.Select(t => t.Issue).Distinct().Count().ShouldBe(20);
        var issues = await harness.IssuesAsync(run.Id);
        issues.Count.ShouldBe(20);
        issues.ShouldAllBe(i => i.State == Trackers.IssueState.Closed);
        foreach (var task in run.Tasks)
        {
            var files = await harness.Repository.GitAsync("ls-tree", "--name-only", task.Branch!);
            files.ShouldContain($"done-{task.Id}.txt");
            var message = await harness.Repository.GitAsync("log", "-1", "--format=%s", task.Branch!);
            message.ShouldBe($"{task.Id}: {run.Tasks.Single(t => t.Id == task.Id).Title} (#{task.Issue})");
        }
    }

    [Theory]
    [InlineData(SetupStrategy.Overlap)]
    [InlineData(SetupStrategy.IssueFirst)]
    [InlineData(SetupStrategy.Sequential)]
    public async Task Every_strategy_runs_the_same_plan_to_success(SetupStrategy strategy)
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(4));

        var (outcome, run) = await harness.RunAsync(strategy);

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.Info.Strategy.ShouldBe(strategy.Name());
        run.Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded);
        if (strategy == SetupStrategy.IssueFirst)
        {
            run.Tasks.ShouldAllBe(t => t.Branch == $"fanout/{run.Id}/{t.Issue}-{t.Id}");
        }
        else
        {
            run.Tasks.ShouldAllBe(t => t.Branch == $"fanout/{run.Id}/{t.Id}");
        }
    }

    [Fact]
    public async Task The_sequential_strategy_creates_every_issue_before_any_workspace()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3));

        var (_, run) = await harness.RunAsync(SetupStrategy.Sequential);

        var lastIssueEnd = run.Tasks.Max(t => t.Phases.Single(p => p.Phase == Phase.Issue).EndedAt!.Value);
        var firstWorkspaceStart = run.Tasks.Min(t => t.Phases.Single(p => p.Phase == Phase.Workspace).StartedAt);
        firstWorkspaceStart.ShouldBeGreaterThanOrEqualTo(lastIssueEnd);
    }

    [Fact]
    public async Task Every_phase_start_and_end_is_in_the_journal_in_pipeline_order()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, test: "[true]"));

        var (_, run) = await harness.RunAsync(SetupStrategy.IssueFirst);

        var phases = run.Tasks.Single().Phases;
        phases.Select(p => p.Phase).ShouldBe([Phase.Issue, Phase.Workspace, Phase.Environment, Phase.Agent, Phase.Verify, Phase.Deliver]);
        phases.ShouldAllBe(p => p.Outcome == PhaseOutcome.Succeeded && p.EndedAt >= p.StartedAt);
        phases.Zip(phases.Skip(1)).ShouldAllBe(pair => pair.Second.StartedAt >= pair.First.EndedAt);
    }
}
