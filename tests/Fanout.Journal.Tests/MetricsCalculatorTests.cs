using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

public sealed class MetricsCalculatorTests
{
    private static readonly DateTimeOffset Later = Script.At(1000);

    [Fact]
    public void Setup_done_one_task_after_another_is_one_nth_efficient()
    {
        var script = new Script().Started();
        for (var n = 0; n < 4; n++)
        {
            script.Task($"t{n}").Phase($"t{n}", Phase.Workspace, 10 * n, (10 * n) + 10).Phase($"t{n}", Phase.Agent, (10 * n) + 10, 100);
        }

        var metrics = MetricsCalculator.Compute(script.Fold(), Later);

        metrics.SetupSeconds.ShouldBe(40);
        metrics.ParallelEfficiency.ShouldBe(0.25, tolerance: 1e-9);
    }

    [Fact]
    public void Setup_done_for_all_tasks_at_once_is_fully_efficient()
    {
        var script = new Script().Started();
        for (var n = 0; n < 4; n++)
        {
            script.Task($"t{n}").Phase($"t{n}", Phase.Workspace, 0, 10).Phase($"t{n}", Phase.Agent, 10, 50);
        }

        var metrics = MetricsCalculator.Compute(script.Fold(), Later);

        metrics.SetupSeconds.ShouldBe(10);
        metrics.ParallelEfficiency.ShouldBe(1, tolerance: 1e-9);
    }

    [Fact]
    public void Agents_start_times_give_the_first_the_median_and_the_last_of_the_tasks_that_got_there()
    {
        var script = new Script().Started();
        foreach (var (task, ready) in new[] { ("a", 9), ("b", 1), ("c", 4), ("d", 6) })
        {
            script.Task(task).Phase(task, Phase.Workspace, 0, ready).Phase(task, Phase.Agent, ready, 20);
        }

        script.Task("e").Phase("e", Phase.Workspace, 0, 30);

        var metrics = MetricsCalculator.Compute(script.Fold(), Later);

        MetricsCalculator.AgentStartSeconds(script.Fold()).ShouldBe([1, 4, 6, 9]);
        (metrics.FirstAgentSeconds, metrics.MedianAgentSeconds, metrics.LastAgentSeconds).ShouldBe((1.0, 5.0, 9.0));
    }

    [Fact]
    public void Before_any_agent_could_start_the_agent_times_are_unknown()
    {
        var run = new Script().Started().Task("a").Phase("a", Phase.Workspace, 0, 5).Fold();

        var metrics = MetricsCalculator.Compute(run, Later);

        (metrics.FirstAgentSeconds, metrics.MedianAgentSeconds, metrics.LastAgentSeconds).ShouldBe((null, null, null));
    }

    [Fact]
    public void Overlapping_issue_and_workspace_time_counts_once()
    {
        var run = new Script().Started().Task("a")
            .Phase("a", Phase.Issue, 0, 6).Phase("a", Phase.Workspace, 2, 10).Phase("a", Phase.Environment, 8, 10)
            .Phase("a", Phase.Agent, 10, 60)
            .Fold();

        MetricsCalculator.TaskSetupSeconds(run.Tasks.Single(), Later).ShouldBe(10);
        MetricsCalculator.Compute(run, Later).ParallelEfficiency.ShouldBe(1, tolerance: 1e-9);
    }

    [Fact]
    public void Waiting_for_a_dependency_is_not_setup()
    {
        var run = new Script().Started().Task("a").Task("b", "a")
            .Phase("a", Phase.Workspace, 0, 10).Phase("a", Phase.Agent, 10, 100)
            .Phase("b", Phase.Workspace, 0, 10).Phase("b", Phase.Wait, 10, 100).Phase("b", Phase.Agent, 100, 150)
            .Fold();

        var metrics = MetricsCalculator.Compute(run, Later);

        MetricsCalculator.ReadyAtSeconds(run, run.Tasks[1], Later).ShouldBe(10);
        metrics.SetupSeconds.ShouldBe(10);
        metrics.ParallelEfficiency.ShouldBe(1, tolerance: 1e-9);
    }

    [Fact]
    public void An_issue_still_being_created_after_the_agent_started_is_not_setup()
    {
        var task = new Script().Started().Task("a")
            .Phase("a", Phase.Workspace, 0, 10).Phase("a", Phase.Issue, 5, 30).Phase("a", Phase.Agent, 10, 40)
            .Fold().Tasks.Single();

        MetricsCalculator.TaskSetupSeconds(task, Later).ShouldBe(10);
    }

    [Fact]
    public void A_task_that_failed_in_setup_was_ready_when_its_last_setup_phase_ended()
    {
        var run = new Script().Started().Task("a")
            .Phase("a", Phase.Workspace, 0, 5).Phase("a", Phase.Environment, 5, 30, PhaseOutcome.Failed).State("a", TaskState.Failed, 30)
            .Fold();

        MetricsCalculator.ReadyAt(run.Tasks.Single(), Later).ShouldBe(Script.At(30));
        MetricsCalculator.Compute(run, Later).SetupSeconds.ShouldBe(30);
    }

    [Fact]
    public void Open_phases_and_a_live_run_count_until_now()
    {
        var run = new Script().Started().Task("a").Task("b")
            .Phase("a", Phase.Workspace, 0).Phase("b", Phase.Workspace, 0, 5).Phase("b", Phase.Agent, 5)
            .Fold();

        var metrics = MetricsCalculator.Compute(run, Script.At(25));

        metrics.SetupSeconds.ShouldBe(25);
        metrics.WallSeconds.ShouldBe(25);
        metrics.ParallelEfficiency.ShouldBe(30.0 / 50, tolerance: 1e-9);
        MetricsCalculator.PhaseSeconds(run.Tasks[1], Script.At(25)).ShouldBe(new Dictionary<Phase, double> { [Phase.Workspace] = 5, [Phase.Agent] = 20 });
    }

    [Fact]
    public void While_an_unfinished_task_is_not_ready_for_its_agent_setup_is_not_over()
    {
        // b has not started at all: no free slot yet. Its agent cannot start, so setup goes on.
        var script = new Script().Started().Task("a").Task("b").Phase("a", Phase.Workspace, 0, 5).Phase("a", Phase.Agent, 5);

        MetricsCalculator.Setup(script.Fold(), Script.At(25)).ShouldBe((25, false));
        script.Phase("b", Phase.Workspace, 26, 28).Phase("b", Phase.Agent, 30);
        MetricsCalculator.Setup(script.Fold(), Script.At(40)).ShouldBe((30, true));
    }

    [Fact]
    public void Setup_is_over_when_the_run_ends_or_every_unfinished_task_is_ready()
    {
        var failedInSetup = new Script().Started().Task("a").Task("b")
            .Phase("a", Phase.Workspace, 0, 12, PhaseOutcome.Failed).State("a", TaskState.Failed, 12)
            .Phase("b", Phase.Workspace, 0, 3).Phase("b", Phase.Agent, 3);
        var neverStarted = new Script().Started().Task("a").Task("b").Phase("a", Phase.Workspace, 0, 5).Phase("a", Phase.Agent, 5).Finished(RunState.Cancelled, 130, 9);

        MetricsCalculator.Setup(failedInSetup.Fold(), Later).ShouldBe((12, true));
        MetricsCalculator.Setup(neverStarted.Fold(), Later).ShouldBe((5, true));
    }

    [Fact]
    public void A_finished_run_reports_wall_time_errors_and_tracker_requests()
    {
        var run = new Script().Started().Task("a").Task("b").Task("c").Task("d")
            .State("a", TaskState.Failed, 5).State("b", TaskState.Succeeded, 6).State("c", TaskState.Blocked, 6)
            .Add(new TrackerRequested("r1", Script.At(1), "a", "ensureIssue"))
            .Finished(RunState.Failed, 1, 90)
            .Fold();

        MetricsCalculator.Compute(run, Later).ShouldBe(new RunMetrics(0, 90, 0, 0.25, 1, null));
    }

    [Fact]
    public void Peak_memory_is_in_megabytes_once_the_run_has_finished()
    {
        var running = new Script().Started().Fold() with { PeakMemoryBytes = 3 << 20 };
        var finished = new Script().Started().Add(new RunFinished("r1", Script.At(9), RunState.Succeeded, 0, 3 << 19)).Fold();
        var unrecorded = new Script().Started().Finished(RunState.Succeeded, 0, 9).Fold();

        MetricsCalculator.Compute(running, Later).PeakMemoryMB.ShouldBeNull();
        MetricsCalculator.Compute(finished, Later).PeakMemoryMB.ShouldBe(1.5);
        MetricsCalculator.Compute(unrecorded, Later).PeakMemoryMB.ShouldBeNull();
    }

    [Fact]
    public void Repeated_phases_add_up()
    {
        var task = new Script().Started().Task("a")
            .Phase("a", Phase.Verify, 0, 3).Phase("a", Phase.Agent, 3, 10).Phase("a", Phase.Verify, 10, 14)
            .Fold().Tasks.Single();

        MetricsCalculator.PhaseSeconds(task, Later)[Phase.Verify].ShouldBe(7);
    }

    [Fact]
    public void A_run_without_tasks_has_zero_figures()
    {
        MetricsCalculator.Compute(new Script().Started().Fold(), Script.At(5)).ShouldBe(new RunMetrics(0, 5, 0, 0, 0, null));
    }
}
