using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Pipeline;

namespace Fanout.Orchestration;

/// <summary>
/// Starts every task worker at once (bounded by the run's max parallelism) and lets each set itself
/// up; the sequential strategy instead provisions all issues, then all workspaces, first.
/// </summary>
public sealed class Orchestrator(RunContext run)
{
    /// <summary>Merge tasks into the integration branch as they finish (<c>run --merge</c>); null leaves merging to <c>fanout merge</c>.</summary>
    public MergeSettings? Merge { get; init; }

    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var recorder = run.Recorder;
        await recorder.RecordAsync(new RunStarted(run.RunId, recorder.Now, Info()));
        foreach (var task in run.Plan.Tasks)
        {
            await recorder.RecordAsync(new TaskRegistered(run.RunId, recorder.Now, task.Id, task.Title, task.DependsOn));
        }

        var runtimes = run.Plan.Tasks.ToDictionary(t => t.Id, t => new TaskRuntime(t));
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
        await recorder.RecordAsync(new RunFinished(run.RunId, recorder.Now, state, exitCode, ProcessMemory.PeakBytes()));
        return new RunOutcome(run.RunId, state, exitCode) { Merge = merged };
    }

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

    private RunInfo Info() => new(
        run.Plan.Name,
        run.Plan.SourceFile,
        run.Paths.Root,
        run.BaseRef,
        run.BaseCommit,
        run.Strategy.Name(),
        run.Tracker.Name,
        run.MaxParallel);
}

public sealed record RunOutcome(string RunId, RunState State, int ExitCode)
{
    /// <summary>What the merge queue did, when the run merged as tasks finished.</summary>
    public MergeReport? Merge { get; init; }
}
