using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

public sealed class RunFoldTests
{
    [Fact]
    public void A_run_without_a_start_folds_to_nothing()
    {
        RunFold.Fold([new TaskRegistered("r1", Script.Start, "a", "A", [])]).ShouldBeNull();
    }

    [Fact]
    public void A_started_run_is_running_with_its_tasks_pending_in_registration_order()
    {
        var run = new Script().Started().Task("b").Task("a", "b").Task("c").Fold();

        run.Id.ShouldBe("r1");
        run.Info.ShouldBe(Script.Info);
        run.State.ShouldBe(RunState.Running);
        run.StartedAt.ShouldBe(Script.Start);
        run.EndedAt.ShouldBeNull();
        run.ExitCode.ShouldBeNull();
        run.Tasks.Select(task => task.Id).ShouldBe(["b", "a", "c"]);
        run.Tasks.ShouldAllBe(task => task.State == TaskState.Pending && task.Phase == null);
        run.Tasks[1].Title.ShouldBe("Title of a");
        run.Tasks[1].DependsOn.ShouldBe(["b"]);
    }

    [Fact]
    public void The_task_phase_is_the_one_most_recently_started()
    {
        var task = new Script().Started().Task("a")
            .Phase("a", Phase.Issue, 0, 2).Phase("a", Phase.Workspace, 1, 3).Phase("a", Phase.Agent, 4)
            .Fold().Tasks.Single();

        task.Phase.ShouldBe(Phase.Agent);
        task.StartedAt.ShouldBe(Script.At(0));
    }

    [Fact]
    public void Phase_spans_pair_starts_with_ends_of_the_same_phase_in_order()
    {
        var script = new Script().Started().Task("a").Task("b")
            .Add(new PhaseStarted("r1", Script.At(1), "a", Phase.Verify, "npm test"))
            .Add(new PhaseStarted("r1", Script.At(2), "b", Phase.Verify))
            .Add(new PhaseStarted("r1", Script.At(3), "a", Phase.Agent))
            .Add(new PhaseEnded("r1", Script.At(4), "a", Phase.Verify, PhaseOutcome.Failed))
            .Add(new PhaseStarted("r1", Script.At(5), "a", Phase.Verify))
            .Add(new PhaseEnded("r1", Script.At(6), "a", Phase.Verify, PhaseOutcome.Succeeded, "passed"));

        var a = script.Fold().Tasks[0];

        a.Phases.ShouldBe(
        [
            new PhaseSpan(Phase.Verify, Script.At(1), Script.At(4), PhaseOutcome.Failed, "npm test"),
            new PhaseSpan(Phase.Agent, Script.At(3), null, null, null),
            new PhaseSpan(Phase.Verify, Script.At(5), Script.At(6), PhaseOutcome.Succeeded, "passed"),
        ]);
        script.Fold().Tasks[1].Phases.Single().EndedAt.ShouldBeNull();
    }

    [Fact]
    public void A_phase_end_without_a_start_is_ignored()
    {
        var task = new Script().Started().Task("a")
            .Add(new PhaseEnded("r1", Script.At(1), "a", Phase.Agent, PhaseOutcome.Succeeded))
            .Fold().Tasks.Single();

        task.Phases.ShouldBeEmpty();
    }

    [Fact]
    public void State_and_reason_come_from_the_last_state_change()
    {
        var task = new Script().Started().Task("a")
            .State("a", TaskState.Provisioning, 1)
            .State("a", TaskState.Blocked, 2, "dependency b failed")
            .Fold().Tasks.Single();

        task.State.ShouldBe(TaskState.Blocked);
        task.Reason.ShouldBe("dependency b failed");
    }

    [Fact]
    public void A_task_ends_when_it_first_reaches_a_final_state()
    {
        var script = new Script().Started().Task("a")
            .State("a", TaskState.Running, 1)
            .State("a", TaskState.Succeeded, 5)
            .State("a", TaskState.Merged, 9);

        script.Fold().Tasks.Single().EndedAt.ShouldBe(Script.At(5));

        script.State("a", TaskState.Running, 10);
        script.Fold().Tasks.Single().EndedAt.ShouldBeNull();
    }

    [Fact]
    public void Links_fill_in_fields_and_nulls_leave_them_unchanged()
    {
        var task = new Script().Started().Task("a")
            .Add(new TaskLinked("r1", Script.At(1), "a", Issue: 7, IssueUrl: "https://example.test/7"))
            .Add(new TaskLinked("r1", Script.At(2), "a", Branch: "fanout/r1/a", Worktree: "/wt/a"))
            .Add(new TaskLinked("r1", Script.At(3), "a", Branch: "fanout/r1/a-2"))
            .Fold().Tasks.Single();

        task.Issue.ShouldBe(7);
        task.IssueUrl.ShouldBe("https://example.test/7");
        task.Branch.ShouldBe("fanout/r1/a-2");
        task.Worktree.ShouldBe("/wt/a");
    }

    [Fact]
    public void The_failure_is_the_last_one_and_activity_the_last_text()
    {
        var last = new TaskFailed("r1", Script.At(4), "a", Phase.Verify, "tests failed", "npm test", 1, "1 failing");
        var task = new Script().Started().Task("a")
            .Add(new TaskFailed("r1", Script.At(2), "a", Phase.Agent, "agent timed out"))
            .Add(last)
            .Add(new AgentActivity("r1", Script.At(1), "a", "tool", "Edit src/a.ts"))
            .Add(new AgentActivity("r1", Script.At(3), "a", "turn", "Running the tests"))
            .Fold().Tasks.Single();

        task.Failure.ShouldBe(last);
        task.LastActivity.ShouldBe("Running the tests");
    }

    [Fact]
    public void The_run_ends_with_its_finish_and_counts_tracker_requests()
    {
        var run = new Script().Started().Task("a")
            .Add(new TrackerRequested("r1", Script.At(1), "a", "ensureIssue"))
            .Add(new TrackerRequested("r1", Script.At(2), "a", "close"))
            .Finished(RunState.Failed, 1, 30)
            .Fold();

        run.State.ShouldBe(RunState.Failed);
        run.EndedAt.ShouldBe(Script.At(30));
        run.ExitCode.ShouldBe(1);
        run.TrackerRequests.ShouldBe(2);
        run.Tasks.Single().Phases.ShouldBeEmpty();
    }

    [Fact]
    public void A_resumed_run_is_running_again_but_keeps_its_first_start()
    {
        var run = new Script().Started().Add(new RunFinished("r1", Script.At(10), RunState.Cancelled, 130, 1 << 26)).Started(20).Fold();

        run.State.ShouldBe(RunState.Running);
        run.StartedAt.ShouldBe(Script.Start);
        run.EndedAt.ShouldBeNull();
        run.ExitCode.ShouldBeNull();
        run.PeakMemoryBytes.ShouldBeNull("the peak of the earlier attempt is not this one's");
    }

    [Fact]
    public void The_run_keeps_the_peak_memory_its_finish_recorded()
    {
        var run = new Script().Started().Add(new RunFinished("r1", Script.At(10), RunState.Succeeded, 0, 1 << 26)).Fold();

        run.PeakMemoryBytes.ShouldBe(1 << 26);
    }

    [Fact]
    public void Events_of_an_unregistered_task_still_show_the_task()
    {
        var task = new Script().Started().State("ghost", TaskState.Running, 1).Fold().Tasks.Single();

        task.Id.ShouldBe("ghost");
        task.Title.ShouldBe("ghost");
        task.State.ShouldBe(TaskState.Running);
    }
}
