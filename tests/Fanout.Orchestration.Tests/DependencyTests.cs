using Fanout.Core;
using Fanout.Journal;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class DependencyTests
{
    [Fact]
    public async Task A_dependent_starts_its_agent_only_after_its_dependency_succeeded()
    {
        var plan = PlanText.Plan(3, "[sh, -c, 'sleep 0.3; echo x > \"done-$FANOUT_TASK.txt\"']", taskExtra: i => i == 3 ? "    dependsOn: [task-1, task-2]" : string.Empty);
        using var harness = await RunHarness.CreateAsync(plan);

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var dependent = run.Tasks.Single(t => t.Id == "task-3");
        var agentStart = dependent.Phases.Single(p => p.Phase == Phase.Agent).StartedAt;
        foreach (var dependency in run.Tasks.Where(t => t.Id != "task-3"))
        {
            agentStart.ShouldBeGreaterThanOrEqualTo(dependency.EndedAt!.Value);
        }

        // Provisioned early, with everyone else: its workspace did not wait.
        dependent.Phases.Single(p => p.Phase == Phase.Workspace).StartedAt.ShouldBeLessThan(run.Tasks.Single(t => t.Id == "task-1").EndedAt!.Value);
        dependent.Phases.ShouldContain(p => p.Phase == Phase.Wait);
    }

    [Fact]
    public async Task A_failed_dependency_blocks_exactly_its_dependents()
    {
        var agent = """[sh, -c, 'if [ "$FANOUT_TASK" = task-1 ]; then exit 1; fi; echo x > "done-$FANOUT_TASK.txt"']""";
        var plan = PlanText.Plan(4, agent, taskExtra: i => i switch
        {
            2 => "    dependsOn: [task-1]",
            3 => "    dependsOn: [task-2]",
            _ => string.Empty,
        });
        using var harness = await RunHarness.CreateAsync(plan);

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        run.Tasks.Single(t => t.Id == "task-1").State.ShouldBe(TaskState.Failed);
        run.Tasks.Single(t => t.Id == "task-2").State.ShouldBe(TaskState.Blocked);
        run.Tasks.Single(t => t.Id == "task-2").Reason!.ShouldContain("task-1 failed");
        run.Tasks.Single(t => t.Id == "task-3").State.ShouldBe(TaskState.Blocked);
        run.Tasks.Single(t => t.Id == "task-4").State.ShouldBe(TaskState.Succeeded);
        run.Tasks.Where(t => t.State == TaskState.Blocked).ShouldAllBe(t => t.Phases.All(p => p.Phase != Phase.Agent));
    }

    [Fact]
    public async Task One_slot_runs_a_chain_of_dependencies_without_deadlock()
    {
        var plan = PlanText.Plan(3, taskExtra: i => i > 1 ? $"    dependsOn: [task-{i - 1}]" : string.Empty);
        using var harness = await RunHarness.CreateAsync(plan);

        var (outcome, run) = await harness.RunAsync(maxParallel: 1);

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        run.Info.MaxParallel.ShouldBe(1);
        var agents = run.Tasks.Select(t => t.Phases.Single(p => p.Phase == Phase.Agent)).OrderBy(p => p.StartedAt).ToArray();
        agents.Zip(agents.Skip(1)).ShouldAllBe(pair => pair.Second.StartedAt >= pair.First.EndedAt);
    }
}
