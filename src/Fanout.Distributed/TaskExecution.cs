using Fanout.Agents;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Pipeline;
using Fanout.Orchestration.Resuming;
using Fanout.Plans;
using Fanout.Workspaces;

using Hangfire;

namespace Fanout.Distributed;

/// <summary>
/// One task job on one worker: read the run from the journal, claim the task, bring the clone up to
/// date, and run the same pipeline a run of one process runs, journaling every phase with the
/// worker's name. A task another worker already began is taken up from its history and its pushed
/// branch, as <c>fanout resume</c> takes a task up on one machine.
/// </summary>
internal sealed class TaskExecution(WorkerHost worker, string runId, string taskId)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = await worker.Journal.LoadRunAsync(runId, cancellationToken);
        var task = run?.Tasks.FirstOrDefault(t => t.Id == taskId);
        if (run is null || task is null || run.State != RunState.Running || task.Outcome is not null)
        {
            // Finished, cancelled, or done by a worker before: a job delivered again does nothing.
            return;
        }

        if (!await worker.Claims.TryClaimAsync(runId, taskId, worker.Name, DistributedTiming.ClaimStale, cancellationToken))
        {
            // A live worker has it (a slow one whose job came round again): look again once its claim could have gone stale.
            worker.Jobs?.Schedule<TaskJob>(job => job.RunAsync(runId, taskId, CancellationToken.None), DistributedTiming.ClaimStale);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(stop.Token);
        try
        {
            worker.Say($"takes {taskId} of run {runId}{(task.Phases.Count > 0 ? " (taken up again)" : string.Empty)}");
            await ExecuteAsync(run, task, cancellationToken);
            worker.Say($"finished {taskId} of run {runId}");
        }
        finally
        {
            await stop.CancelAsync();
            await renewing;
            await worker.Claims.ReleaseAsync(runId, taskId, worker.Name, CancellationToken.None);
        }
    }

    private async Task ExecuteAsync(RunSnapshot run, TaskSnapshot task, CancellationToken cancellationToken)
    {
        var remote = run.Info.Remote ?? throw new InvalidOperationException($"run {run.Id} names no remote; it was not started with --db");
        WorkerClone clone;
        Plan plan;
        PreparedRun prepared;
        try
        {
            clone = await worker.CloneAsync(remote, run.Info.BaseRef, cancellationToken);
            await clone.FetchAsync([], cancellationToken);
            plan = await clone.PlanAsync(run, cancellationToken);
            prepared = await ResumePreparation.PreparedAsync(clone.Session, run, plan, cancellationToken);
            var planned = plan.Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new InvalidOperationException($"task {taskId} is not in the plan at {run.Info.BaseCommit}");
            var branches = planned.DependsOn.Select(id => run.Tasks.First(t => t.Id == id)).Append(task).Select(t => t.Branch ?? t.IntendedBranch).OfType<string>();
            await clone.FetchAsync(branches, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The pipeline never started: the journal still says why the task failed.
            await FailAsync(worker.Host.Time, Phase.Workspace, $"worker {worker.Name} could not prepare its clone of {remote}: {error.Message}");
            return;
        }

        var session = clone.Session;
        var journal = await session.JournalAsync(cancellationToken);
        var recorder = new RunRecorder(journal, session.Time);
        var runtimes = await RuntimesAsync(plan, run, task, session.Paths, recorder);
        await using var tracker = await session.Trackers.OpenAsync(prepared.Tracker, prepared.TrackerLatency, cancellationToken);
        // A worker claims from its own clone's pool when one is warm; one task per job, so it never refills it.
        var workspaces = new PooledWorkspaceProvider(session.Worktrees, session.Pool);
        var context = new RunContext(session, prepared)
        {
            Tracker = tracker,
            Workspaces = workspaces,
            Agents = new AgentFactory(session.Runner),
            Recorder = recorder,
            Environments = new EnvironmentPreparer(session.Paths, plan.Include, session.Runner, plan.PortBlockSize ?? PortAllocator.DefaultBlockSize),
            Worker = worker.Name,
            Publisher = new RemotePublisher(clone),
        };
        var runtime = runtimes[taskId];
        using var slot = new SemaphoreSlim(1, 1);
        var pipeline = new TaskWorker(context, runtime, context.Agents.Create(plan.SettingsOf(runtime.Task)), runtimes, slot);
        try
        {
            await pipeline.RunAsync(provisioned: false, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The pipeline journals every failure of a phase; this is one outside them (the journal itself, say).
            await FailAsync(worker.Host.Time, Phase.Deliver, $"worker {worker.Name}: {error.Message}");
        }
    }

    /// <summary>
    /// This task's runtime (fresh, or taken up from its history) beside every other task as the
    /// journal has it: the coordinator enqueues a task once its dependencies finished, so theirs are final.
    /// </summary>
    private async Task<Dictionary<string, TaskRuntime>> RuntimesAsync(Plan plan, RunSnapshot run, TaskSnapshot task, RepositoryPaths paths, RunRecorder recorder)
    {
        var runtimes = new Dictionary<string, TaskRuntime>(StringComparer.Ordinal);
        foreach (var planned in plan.Tasks)
        {
            var journaled = run.Tasks.FirstOrDefault(t => t.Id == planned.Id);
            runtimes[planned.Id] = planned.Id == taskId
                ? await TakeUpAsync(planned, task, paths, recorder)
                : journaled?.Outcome is { } outcome ? TaskRuntime.Kept(planned, journaled, run.Info.BaseCommit, outcome) : new TaskRuntime(planned);
        }

        return runtimes;
    }

    /// <summary>A task no worker began starts afresh; one another worker began (its job handed on) goes on from what the journal and the remote hold.</summary>
    private async Task<TaskRuntime> TakeUpAsync(PlanTask planned, TaskSnapshot task, RepositoryPaths paths, RunRecorder recorder)
    {
        if (task.Phases.Count == 0)
        {
            return new TaskRuntime(planned);
        }

        var snapshot = task;
        if ((task.Worktree ?? task.IntendedWorktree) is { } path && !WorkspaceNames.IsConfined(paths.WorktreeRoot, path))
        {
            // Its worktree and prepared environment were on another machine: here the branch comes from the remote and setup runs again.
            snapshot = task with { Worktree = null, IntendedWorktree = null, Phases = [.. task.Phases.Where(span => span.Phase != Phase.Environment)] };
        }

        foreach (var open in task.Phases.Where(span => span.EndedAt is null))
        {
            await recorder.RecordAsync(new PhaseEnded(runId, recorder.Now, taskId, open.Phase, PhaseOutcome.Interrupted, "its worker stopped being heard from", worker.Name));
        }

        var history = new TaskHistory(snapshot, task.Attempts + 1);
        var from = history.AgentFinished ? "verify" : history.Branch is null ? "issue" : "agent";
        await recorder.RecordAsync(new TaskResumed(runId, recorder.Now, taskId, history.Attempt, $"{from} (worker {worker.Name})"));
        return new TaskRuntime(planned) { History = history };
    }

    private async Task FailAsync(TimeProvider time, Phase phase, string message)
    {
        await worker.Journal.AppendAsync(new TaskFailed(runId, time.GetUtcNow(), taskId, phase, message), CancellationToken.None);
        await worker.Journal.AppendAsync(new TaskStateChanged(runId, time.GetUtcNow(), taskId, TaskState.Failed, message), CancellationToken.None);
        worker.Say($"failed {taskId} of run {runId}: {message}");
    }

    /// <summary>Keeps the claim fresh while the task runs; a missed renewal is retried at the next tick.</summary>
    private async Task RenewAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(DistributedTiming.ClaimRenewInterval, stop);
                await worker.Claims.TryClaimAsync(runId, taskId, worker.Name, DistributedTiming.ClaimStale, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // The database may blink; the claim only goes stale after several missed renewals.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
