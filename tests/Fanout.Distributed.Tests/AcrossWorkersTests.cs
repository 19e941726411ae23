using Fanout.Journal;

using Shouldly;

using Xunit;

namespace Fanout.Distributed.Tests;

/// <summary>
/// What crosses from one machine to another in a run spread over workers: the branches they pushed
/// reach the coordinator's merge, a dependency's work reaches the worker of its dependent, and the
/// workers finish what was enqueued when the coordinator itself dies.
/// </summary>
[Collection(Serial.Name)]
public sealed class AcrossWorkersTests
{
    [Fact]
    public async Task Merge_with_db_fetches_the_branches_the_workers_pushed_and_merges_them_and_the_report_has_a_lane_per_worker()
    {
        await using var rig = await DistributedRig.CreateAsync();
        await rig.InitAsync(DistributedRig.Plan(4, agentSeconds: 0.5));
        await rig.StartWorkerAsync("w1", slots: 1);
        await rig.StartWorkerAsync("w2", slots: 1);
        var result = await rig.RunAsync();
        result.ExitCode.ShouldBe(0, $"{result.StandardOutput}\n{result.StandardError}\n{rig.WorkerOutput}");
        var run = await rig.RunSnapshotAsync();
        (await DistributedRig.GitAsync(rig.Repository, "branch", "--list", "fanout/*")).ShouldBeEmpty("the coordinator's repository has none of the workers' branches before the merge");

        var merge = await rig.FanoutAsync(["merge", "--db", rig.Database.ConnectionString, "--into", "main"]);

        merge.ExitCode.ShouldBe(0, $"{merge.StandardOutput}\n{merge.StandardError}");
        foreach (var task in run.Tasks)
        {
            (await DistributedRig.GitAsync(rig.Repository, "show", $"main:out-{task.Id}.txt")).ShouldBe(task.Id, $"{task.Id}'s file, pushed by {task.Worker}, is merged into main");
        }

        var report = await rig.FanoutAsync(["report", "--db", rig.Database.ConnectionString]);
        report.ExitCode.ShouldBe(0, report.StandardError);
        report.StandardOutput.ShouldContain("Workers (a lane each):");
        var lanes = report.StandardOutput.Split('\n').SkipWhile(line => !line.StartsWith("Workers", StringComparison.Ordinal)).ToList();
        foreach (var worker in run.Tasks.Select(task => task.Worker!).Distinct())
        {
            lanes.ShouldContain(line => line.TrimStart().StartsWith(worker + " ", StringComparison.Ordinal), $"a lane for {worker}");
        }
    }

    [Fact]
    public async Task A_dependent_task_on_another_worker_fetches_the_branch_its_dependency_pushed()
    {
        await using var rig = await DistributedRig.CreateAsync();
        // b's agent fails unless a's file is in its worktree: it can only come from a's pushed branch.
        // It takes 3 s, so a first worker that took b at once is killed while b's agent runs, and b
        // is taken up by the second worker: either way b ends on a machine that never had a's work.
        await rig.InitAsync(
            """
            name: chain
            agent: edit
            agents:
              edit:
                command: [sh, -c, 'if [ "$FANOUT_TASK" = b ]; then test -f out-a.txt || exit 3; sleep 3; fi; echo "$FANOUT_TASK" > "out-$FANOUT_TASK.txt"']
            tasks:
              - {id: a, title: First, prompt: Write out-a.txt}
              - {id: b, title: Second, prompt: Write out-b.txt after a, dependsOn: [a]}
            """);
        var first = await rig.StartWorkerAsync("first", slots: 1);

        var running = rig.RunAsync();
        // Once a is done, its worker goes away: b can only end on the other one.
        await WaitUntilAsync(rig, run => run.Tasks.Single(task => task.Id == "a").Outcome == TaskState.Succeeded, "a to succeed");
        first.KillHard();
        await rig.StartWorkerAsync("second", slots: 1);
        var result = await running;

        result.ExitCode.ShouldBe(0, $"{result.StandardOutput}\n{result.StandardError}\n{rig.WorkerOutput}");
        var done = await rig.RunSnapshotAsync();
        done.Tasks.Single(task => task.Id == "a").Worker.ShouldBe("first");
        var b = done.Tasks.Single(task => task.Id == "b");
        b.Worker.ShouldBe("second");
        b.Outcome.ShouldBe(TaskState.Succeeded);
        var heads = await rig.RemoteHeadsAsync();
        (await rig.IsAncestorInRemoteAsync(heads[done.Tasks.Single(task => task.Id == "a").Branch!], heads[b.Branch!])).ShouldBeTrue("b's pushed branch holds a's work");
    }

    [Fact]
    public async Task When_the_coordinator_dies_the_workers_finish_the_enqueued_tasks_and_resume_enqueues_the_rest_and_ends_the_run()
    {
        await using var rig = await DistributedRig.CreateAsync();
        // z waits for t1: the coordinator is killed before t1 ends, so z is never enqueued by it.
        var plan = DistributedRig.Plan(4, agentSeconds: 2) + "  - {id: z, title: After t1, prompt: Write out-z.txt, dependsOn: [t01]}\n";
        await rig.InitAsync(plan);
        await rig.StartWorkerAsync("w1", slots: 2);
        await rig.StartWorkerAsync("w2", slots: 2);
        using var killCoordinator = new CancellationTokenSource();

        var running = rig.FanoutAsync(["run", "fanout.yaml", "--db", rig.Database.ConnectionString, "--plain"], killCoordinator.Token);
        await WaitUntilAsync(rig, run => run.Tasks.Any(task => task.CurrentSpan is { Phase: Phase.Agent, EndedAt: null }), "an agent to start");
        await killCoordinator.CancelAsync();
        try
        {
            await running;
            throw new InvalidOperationException("the coordinator ended before it was killed");
        }
        catch (OperationCanceledException)
        {
            // Killed, as a lost machine is.
        }

        var enqueued = await WaitUntilAsync(rig, run => run.Tasks.Where(task => task.Id != "z").All(task => task.Outcome is not null), "the enqueued tasks to end without the coordinator");
        enqueued.Tasks.Where(task => task.Id != "z").ShouldAllBe(task => task.Outcome == TaskState.Succeeded);
        enqueued.Tasks.Single(task => task.Id == "z").Outcome.ShouldBeNull("nobody enqueued z");
        enqueued.EndedAt.ShouldBeNull("the run's end was the coordinator's to journal");

        // Its lease was the coordinator's alone: once stale, every machine reads the run as interrupted, and resume takes it up.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var status = await rig.FanoutAsync(["status", "--json", "--db", rig.Database.ConnectionString]);
        System.Text.Json.JsonDocument.Parse(status.StandardOutput).RootElement.GetProperty("run").GetProperty("state").GetString().ShouldBe("interrupted", status.StandardError);
        var resumed = await rig.FanoutAsync(["resume", "--db", rig.Database.ConnectionString, "--plain"]);

        resumed.ExitCode.ShouldBe(0, $"{resumed.StandardOutput}\n{resumed.StandardError}\n{rig.WorkerOutput}");
        var done = await rig.RunSnapshotAsync();
        done.State.ShouldBe(RunState.Succeeded);
        done.Attempts.ShouldBe(2);
        done.Tasks.ShouldAllBe(task => task.Outcome == TaskState.Succeeded);
        var events = await rig.EventsAsync(done.Id);
        events.OfType<PhaseStarted>().Where(e => e.Phase == Phase.Agent).GroupBy(e => e.TaskId).ShouldAllBe(agentRuns => agentRuns.Count() == 1, "no task ran twice");
        (await rig.IssuesAsync()).Count.ShouldBe(5, "0 duplicate issues");
        var heads = await rig.RemoteHeadsAsync();
        done.Tasks.ShouldAllBe(task => heads.ContainsKey(task.Branch!), "every task branch was pushed");
    }

    private static async Task<RunSnapshot> WaitUntilAsync(DistributedRig rig, Func<RunSnapshot, bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(4);
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var run = await rig.RunSnapshotAsync();
                if (condition(run))
                {
                    return run;
                }
            }
            catch (InvalidOperationException)
            {
                // The run is not journaled yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"waited four minutes for {what}:\n{rig.WorkerOutput}");
    }
}
