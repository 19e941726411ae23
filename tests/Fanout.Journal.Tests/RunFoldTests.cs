using System.Text.Json;

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
    public void Applying_events_one_at_a_time_reads_at_every_step_what_folding_them_all_gives()
    {
        var events = new Script().Started().Task("a").Task("b", "a")
            .Phase("a", Phase.Issue, 0, 3).Phase("a", Phase.Workspace, 1, 2).Phase("a", Phase.Agent, 2)
            .Add(new TaskLinked("r1", Script.At(2), "a", Issue: 4, Branch: "fanout/r1/a"))
            .Add(new AgentActivity("r1", Script.At(3), "a", "tool", "Edit a.ts"))
            .Add(new TrackerRequested("r1", Script.At(3), "a", "ensureIssue", 4999))
            .Phase("b", Phase.Workspace, 1, 2).Phase("b", Phase.Wait, 2, 6)
            .Add(new PhaseEnded("r1", Script.At(6), "a", Phase.Agent, PhaseOutcome.Succeeded))
            .Phase("a", Phase.Verify, 6, 7, PhaseOutcome.Failed).Phase("a", Phase.Verify, 7, 8)
            .State("a", TaskState.Succeeded, 8)
            .Add(new TaskFailed("r1", Script.At(9), "b", Phase.Agent, "agent exited 1"))
            .State("b", TaskState.Failed, 9, "agent: agent exited 1")
            .State("ghost", TaskState.Running, 9)
            .Add(new MergeTested("r1", Script.At(10), "fanout/r1/integration", "abc", ["a"], true, "make test"))
            .Finished(RunState.Failed, 1, 10)
            .Started(20)
            .Events;
        var fold = new RunFold();

        for (var i = 0; i < events.Count; i++)
        {
            fold.Apply(events[i]);

            Json(fold.Snapshot).ShouldBe(Json(RunFold.Fold([.. events.Take(i + 1)])), $"after event {i}, {events[i].GetType().Name}");
        }
    }

    [Fact]
    public void A_snapshot_once_read_stays_as_it_was_and_only_changed_tasks_are_rebuilt()
    {
        var fold = new RunFold();
        foreach (var runEvent in new Script().Started().Task("a").Task("b").Phase("a", Phase.Workspace, 1).Events)
        {
            fold.Apply(runEvent);
        }

        var before = fold.Snapshot!;
        fold.Snapshot.ShouldBeSameAs(before, "nothing changed, nothing is rebuilt");
        fold.Apply(new PhaseEnded("r1", Script.At(2), "a", Phase.Workspace, PhaseOutcome.Succeeded));
        fold.Apply(new TaskStateChanged("r1", Script.At(2), "a", TaskState.Running));
        var after = fold.Snapshot!;

        before.Tasks[0].State.ShouldBe(TaskState.Pending);
        before.Tasks[0].Phases.Single().EndedAt.ShouldBeNull();
        after.Tasks[0].State.ShouldBe(TaskState.Running);
        after.Tasks[0].Phases.Single().EndedAt.ShouldBe(Script.At(2));
        after.Tasks[1].ShouldBeSameAs(before.Tasks[1]);
    }

    [Fact]
    public void The_open_span_of_a_phase_is_the_one_its_next_end_closes()
    {
        var fold = new RunFold();
        fold.Apply(new PhaseStarted("r1", Script.At(1), "a", Phase.Verify, "first"));
        fold.Apply(new PhaseStarted("r1", Script.At(2), "a", Phase.Verify, "second"));

        fold.OpenSpan("a", Phase.Verify)!.Detail.ShouldBe("first");
        fold.Apply(new PhaseEnded("r1", Script.At(3), "a", Phase.Verify, PhaseOutcome.Failed));
        fold.OpenSpan("a", Phase.Verify)!.Detail.ShouldBe("second");
        fold.Apply(new PhaseEnded("r1", Script.At(4), "a", Phase.Verify, PhaseOutcome.Succeeded));
        fold.OpenSpan("a", Phase.Verify).ShouldBeNull();
        fold.OpenSpan("a", Phase.Agent).ShouldBeNull();
        fold.OpenSpan("nobody", Phase.Verify).ShouldBeNull();
    }

    [Fact]
    public void Agent_activity_gives_the_last_tool_the_turns_and_the_cost()
    {
        var script = new Script().Started().Task("a")
            .Add(new AgentActivity("r1", Script.At(1), "a", "tool", "Read a.ts"))
            .Add(new AgentActivity("r1", Script.At(2), "a", "turn", "Thinking"))
            .Add(new AgentActivity("r1", Script.At(3), "a", "tool", "Edit a.ts"))
            .Add(new AgentActivity("r1", Script.At(4), "a", "cost", "$0.01"))
            .Add(new AgentActivity("r1", Script.At(5), "a", "turn", "Still thinking"));

        var counted = script.Fold().Tasks.Single();
        var told = script.Add(new AgentActivity("r1", Script.At(6), "a", "turn", "7")).Fold().Tasks.Single();

        counted.LastTool.ShouldBe("Edit a.ts");
        counted.Turns.ShouldBe(2, "one for each turn reported without a count");
        counted.Cost.ShouldBe("$0.01");
        counted.LastActivityKind.ShouldBe("turn");
        told.Turns.ShouldBe(7, "the agent's own count");
    }

    [Fact]
    public void A_task_is_ready_for_its_agent_when_it_first_waits_and_its_current_span_is_the_last_started()
    {
        var waiting = new Script().Started().Task("a").Phase("a", Phase.Workspace, 0, 2).Phase("a", Phase.Wait, 2, 5).Phase("a", Phase.Agent, 5).Fold().Tasks.Single();
        var direct = new Script().Started().Task("a").Phase("a", Phase.Workspace, 0, 2).Phase("a", Phase.Agent, 3, 4).Fold().Tasks.Single();
        var settingUp = new Script().Started().Task("a").Phase("a", Phase.Issue, 0).Phase("a", Phase.Workspace, 0, 2).Fold().Tasks.Single();

        waiting.AgentReadyAt.ShouldBe(Script.At(2));
        waiting.CurrentSpan.ShouldBe(new PhaseSpan(Phase.Agent, Script.At(5), null, null, null));
        direct.AgentReadyAt.ShouldBe(Script.At(3));
        direct.CurrentSpan!.EndedAt.ShouldBe(Script.At(4));
        settingUp.AgentReadyAt.ShouldBeNull();
        settingUp.CurrentSpan!.Phase.ShouldBe(Phase.Workspace);
    }

    [Fact]
    public void Events_of_an_unregistered_task_still_show_the_task()
    {
        var task = new Script().Started().State("ghost", TaskState.Running, 1).Fold().Tasks.Single();

        task.Id.ShouldBe("ghost");
        task.Title.ShouldBe("ghost");
        task.State.ShouldBe(TaskState.Running);
    }

    private static string Json(RunSnapshot? run) => JsonSerializer.Serialize(run);
}
