using Fanout.Journal;

using Shouldly;

using Xunit;

namespace Fanout.Distributed.Tests;

/// <summary>
/// Real <c>fanout worker</c> processes on one shared PostgreSQL database and one bare remote, driven
/// by a real <c>fanout run --db</c>. The tests share one collection: each one runs several processes
/// on this machine's two cores, and they must not compete with each other.
/// </summary>
[Collection(Serial.Name)]
public sealed class ManyWorkersTests
{
    [Fact]
    public async Task Three_workers_run_thirty_tasks_every_task_succeeds_once_and_each_worker_took_some()
    {
        await using var rig = await DistributedRig.CreateAsync();
        await rig.InitAsync(DistributedRig.Plan(30, agentSeconds: 0.2));
        foreach (var name in new[] { "w1", "w2", "w3" })
        {
            await rig.StartWorkerAsync(name, slots: 2);
        }

        var result = await rig.RunAsync();

        result.ExitCode.ShouldBe(0, $"{result.StandardOutput}\n{result.StandardError}\n{rig.WorkerOutput}");
        var run = await rig.RunSnapshotAsync();
        run.State.ShouldBe(RunState.Succeeded);
        run.Tasks.Count.ShouldBe(30);
        run.Tasks.ShouldAllBe(task => task.State == TaskState.Succeeded && task.Attempts == 1);
        var events = await rig.EventsAsync(run.Id);
        events.OfType<PhaseStarted>().Where(e => e.Phase == Phase.Agent).GroupBy(e => e.TaskId).ShouldAllBe(agentRuns => agentRuns.Count() == 1, "every agent ran once");
        events.OfType<PhaseStarted>().ShouldAllBe(e => e.Worker != null, "every phase names its worker");
        run.Tasks.Select(task => task.Worker).Distinct().Order().ShouldBe(["w1", "w2", "w3"]);
        var issues = await rig.IssuesAsync();
        issues.Count.ShouldBe(30);
        issues.Select(issue => issue.TaskId).Distinct().Count().ShouldBe(30);
        issues.ShouldAllBe(issue => issue.State == Trackers.IssueState.Closed);
        var heads = await rig.RemoteHeadsAsync();
        run.Tasks.ShouldAllBe(task => heads.ContainsKey(task.Branch!), "every task branch was pushed");

        // From a process that is neither the coordinator nor a worker: the status document names each task's worker.
        var status = await rig.FanoutAsync(["status", "--json", "--db", rig.Database.ConnectionString]);
        status.ExitCode.ShouldBe(0, status.StandardError);
        var document = System.Text.Json.JsonDocument.Parse(status.StandardOutput).RootElement;
        document.GetProperty("run").GetProperty("state").GetString().ShouldBe("succeeded");
        document.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("worker").GetString()).Distinct().Order().ShouldBe(["w1", "w2", "w3"]);
        status.StandardOutput.ShouldNotContain(Npgsql(rig).Password!, Case.Sensitive, "the database password never appears in status");
    }

    [Fact]
    public async Task A_worker_killed_mid_run_leaves_its_tasks_to_the_others_with_no_duplicate_issue_and_no_pushed_commit_lost()
    {
        await using var rig = await DistributedRig.CreateAsync();
        await rig.InitAsync(DistributedRig.Plan(30, agentSeconds: 1));
        var victim = await rig.StartWorkerAsync("doomed", slots: 2);
        await rig.StartWorkerAsync("w2", slots: 2);
        await rig.StartWorkerAsync("w3", slots: 2);

        var running = rig.RunAsync();
        var (runId, pushedAtKill) = await KillWhenBusyAsync(rig, victim);
        var result = await running;

        result.ExitCode.ShouldBe(0, $"{result.StandardOutput}\n{result.StandardError}\n{rig.WorkerOutput}");
        var run = await rig.RunSnapshotAsync();
        run.Id.ShouldBe(runId);
        run.State.ShouldBe(RunState.Succeeded);
        run.Tasks.ShouldAllBe(task => task.State == TaskState.Succeeded);
        var events = await rig.EventsAsync(run.Id);
        var takenUp = events.OfType<TaskResumed>().Select(e => e.TaskId).ToHashSet();
        takenUp.ShouldNotBeEmpty("the dead worker's tasks were taken up by another");
        run.Tasks.Where(task => takenUp.Contains(task.Id)).ShouldAllBe(task => task.Worker != "doomed");
        var issues = await rig.IssuesAsync();
        issues.Count.ShouldBe(30, "0 duplicate issues");
        issues.Select(issue => issue.TaskId).Distinct().Count().ShouldBe(30);
        var heads = await rig.RemoteHeadsAsync();
        foreach (var (branch, commit) in pushedAtKill.Where(p => p.Key != "main"))
        {
            (await rig.IsAncestorInRemoteAsync(commit, heads[branch])).ShouldBeTrue($"{branch} kept {commit}, pushed before the kill");
        }
    }

    /// <summary>Waits until the victim has an agent running, then SIGKILLs it; returns the run and every branch head the remote had at that moment.</summary>
    private static async Task<(string RunId, Dictionary<string, string> Pushed)> KillWhenBusyAsync(DistributedRig rig, WorkerProcess victim)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(4);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
            RunSnapshot run;
            try
            {
                run = await rig.RunSnapshotAsync();
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            var busy = run.Tasks.Count(task => task.Worker == victim.Name && task.CurrentSpan is { Phase: Phase.Agent, EndedAt: null });
            var done = run.Tasks.Count(task => task.Outcome is not null);
            if (busy > 0 && done >= 3)
            {
                victim.KillHard();
                return (run.Id, await rig.RemoteHeadsAsync());
            }
        }

        throw new TimeoutException($"worker {victim.Name} never ran an agent:\n{rig.WorkerOutput}");
    }

    private static global::Npgsql.NpgsqlConnectionStringBuilder Npgsql(DistributedRig rig) => new(rig.Database.ConnectionString);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "many machines";
}
