using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Pipeline;
using Fanout.Orchestration.Resuming;
using Fanout.Plans;

namespace Fanout.Orchestration;

/// <summary>
/// Starts every task worker at once (bounded by the run's max parallelism) and lets each set itself
/// up; the sequential strategy instead provisions all issues, then all workspaces, first.
/// </summary>
public sealed class Orchestrator(RunContext run)
{
    /// <summary>Merge tasks into the integration branch as they finish (<c>run --merge</c>); null leaves merging to <c>fanout merge</c>.</summary>
    public MergeSettings? Merge { get; init; }

    /// <summary>Set when this takes an earlier run up again (<c>fanout resume</c>, <c>fanout retry</c>); null for a new run.</summary>
    public Resumption? Resume { get; init; }

    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var recorder = run.Recorder;
        await recorder.RecordAsync(new RunStarted(run.RunId, recorder.Now, Info(), Resume?.Attempt ?? 1, Resume?.Reason));
        foreach (var task in run.Plan.Tasks.Where(t => Resume is null || Resume.Unregistered.Contains(t.Id)))
        {
            await recorder.RecordAsync(new TaskRegistered(run.RunId, recorder.Now, task.Id, task.Title, task.DependsOn));
        }

        var runtimes = await RuntimesAsync();
        using var slots = new SemaphoreSlim(run.MaxParallel, run.MaxParallel);
        using var exclusion = AgentExclusion.For(run.Plan);
        var workers = run.Plan.DependencyOrder
            .Select(id => (Id: id, Worker: new TaskWorker(run, runtimes[id], run.Agents.Create(run.Plan.SettingsOf(runtimes[id].Task)), runtimes, slots) { Exclusion = exclusion }))
            .ToArray();
        var merging = Merge is null ? null : Task.Run(() => LiveMerge.RunAsync(run, runtimes, Merge, cancellationToken), CancellationToken.None);

        var provisioned = run.Strategy == SetupStrategy.Sequential
            ? await ProvisionSequentiallyAsync(workers, cancellationToken)
            : new HashSet<string>();
        await Task.WhenAll(workers
            .Where(w => !runtimes[w.Id].Finished.IsCompleted)
            .Select(w => Task.Run(() => w.Worker.RunAsync(provisioned.Contains(w.Id), cancellationToken), CancellationToken.None)));

        var states = await Task.WhenAll(runtimes.Values.Select(r => r.Finished));
        var merged = await MergedAsync(merging);
        var (state, exitCode) = cancellationToken.IsCancellationRequested
            ? (RunState.Cancelled, ExitCodes.Cancelled)
            : states.All(s => s == TaskState.Succeeded) && merged is not { Succeeded: false } ? (RunState.Succeeded, ExitCodes.Success) : (RunState.Failed, ExitCodes.TaskFailed);
        WriteBack(runtimes);
        await recorder.RecordAsync(new RunFinished(run.RunId, recorder.Now, state, exitCode, ProcessMemory.PeakBytes()));
        return new RunOutcome(run.RunId, state, exitCode) { Merge = merged };
    }

    /// <summary>Each task's outcome into its Contextune or ccpm task file; a file that cannot be written never fails the run.</summary>
    private void WriteBack(Dictionary<string, TaskRuntime> runtimes)
    {
        var outcomes = runtimes.Values
            .Where(r => r.Finished.IsCompletedSuccessfully)
            .Select(r => (r.Task.Id, End: r.Finished.Result switch
            {
                TaskState.Succeeded => TaskEnd.Succeeded,
                TaskState.Failed => TaskEnd.Failed,
                TaskState.Blocked => TaskEnd.Blocked,
                _ => TaskEnd.Cancelled,
            }))
            .ToDictionary(x => x.Id, x => x.End, StringComparer.Ordinal);
        try
        {
            PlanStatusWriter.WriteBack(run.Plan, outcomes, run.Recorder.Now);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The run's outcome is in the journal either way.
        }
    }

    /// <summary>Every task's runtime: fresh for a new run; for a resume, kept as journaled or taken up again from its history.</summary>
    private async Task<Dictionary<string, TaskRuntime>> RuntimesAsync()
    {
        if (Resume is not { } resume)
        {
            return run.Plan.Tasks.ToDictionary(t => t.Id, t => new TaskRuntime(t));
        }

        var runtimes = new Dictionary<string, TaskRuntime>(StringComparer.Ordinal);
        foreach (var task in run.Plan.Tasks)
        {
            var journaled = resume.Journaled[task.Id];
            if (!resume.TakenUp.Contains(task.Id))
            {
                runtimes[task.Id] = TaskRuntime.Kept(task, journaled, run.BaseCommit, TaskState.Succeeded);
                continue;
            }

            var again = resume.AgentAgain.Contains(task.Id);
            var history = new TaskHistory(journaled, resume.Attempt);

            // What the dead attempt left open ended when it was last heard from.
            foreach (var open in journaled.Phases.Where(span => span.EndedAt is null))
            {
                var at = resume.StoppedAt is { } stopped && stopped > open.StartedAt ? stopped : open.StartedAt;
                await run.Recorder.RecordAsync(new PhaseEnded(run.RunId, at, task.Id, open.Phase, PhaseOutcome.Interrupted, "the attempt stopped here"));
            }

            runtimes[task.Id] = new TaskRuntime(task) { History = history, RunAgentAgain = again, FollowUp = again ? resume.FollowUp : null };
            await run.Recorder.RecordAsync(new TaskResumed(run.RunId, run.Recorder.Now, task.Id, resume.Attempt, From(history, again)));
        }

        return runtimes;
    }

    private static string From(TaskHistory history, bool again) =>
        again ? "agent (retried)" : history.AgentFinished ? "verify" : history.Branch is null ? "issue" : "agent";

    private static async Task<MergeReport?> MergedAsync(Task<MergeReport>? merging)
    {
        try
        {
            return merging is null ? null : await merging;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The "before" of the pattern: one issue after another, then one worktree after another.</summary>
    private static async Task<HashSet<string>> ProvisionSequentiallyAsync((string Id, TaskWorker Worker)[] workers, CancellationToken cancellationToken)
    {
        var ready = workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        try
        {
            await ProvisionPassesAsync(workers, ready, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The workers see the cancellation themselves and journal how they ended.
        }

        return ready;
    }

    private static async Task ProvisionPassesAsync((string Id, TaskWorker Worker)[] workers, HashSet<string> ready, CancellationToken cancellationToken)
    {
        foreach (var pass in new Func<TaskWorker, Task>[] { w => w.ProvisionIssueAsync(cancellationToken), w => w.ProvisionWorkspaceAsync(cancellationToken) })
        {
            foreach (var (id, worker) in workers.Where(w => ready.Contains(w.Id)))
            {
                try
                {
                    await pass(worker);
                }
                catch (PhaseFailedException failure)
                {
                    ready.Remove(id);
                    await worker.FailAsync(failure, cancellationToken);
                }
            }
        }
    }

    /// <summary>What a run's start journals about the run a context holds (a plan run or a goal run).</summary>
    internal static RunInfo InfoOf(RunContext run) => InfoOf(run.Prepared, run.Paths.Root, run.Tracker.Name);

    /// <summary>
    /// What a run's start journals about it: one form for a run of a plan, a goal run and a run spread
    /// over machines, so a resume, a merge and every worker find the same settings (the agent
    /// <c>--agent</c> chose, <c>--pr</c>, the tracker delay, the remote) whichever started it.
    /// <paramref name="remote"/> is the git remote workers clone and push to (<c>--db</c>); a run
    /// with one names its plan file absolutely, since workers find it at the same place in their own
    /// checkout of the base.
    /// </summary>
    public static RunInfo InfoOf(PreparedRun prepared, string repository, string tracker, string? remote = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return new(
            prepared.Plan.Name,
            remote is null ? prepared.Plan.SourceFile : Path.GetFullPath(prepared.Plan.SourceFile),
            repository,
            prepared.Run.BaseRef,
            prepared.Run.BaseCommit,
            prepared.Strategy.Name(),
            tracker,
            prepared.MaxParallel)
        {
            Agent = prepared.AgentOverride,
            PullRequests = prepared.PullRequests ? true : null,
            TrackerLatencyMs = prepared.TrackerLatency > TimeSpan.Zero ? prepared.TrackerLatency.TotalMilliseconds : null,
            Remote = remote,
        };
    }

    // A plan's tasks are known when it starts; a goal run's are not, so only this start names them.
    private RunInfo Info() => InfoOf(run) with { TaskIds = [.. run.Plan.Tasks.Select(t => t.Id)] };
}

public sealed record RunOutcome(string RunId, RunState State, int ExitCode)
{
    /// <summary>What the merge queue did, when the run merged as tasks finished.</summary>
    public MergeReport? Merge { get; init; }
}
