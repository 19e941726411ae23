using System.Collections.Concurrent;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Pipeline;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Feeding;

/// <summary>
/// The run of a plan that is still being written (<c>run --goal</c>): each task's worker starts the
/// moment the task comes off the <see cref="TaskFeed"/> — issue, workspace and environment at once,
/// its agent as soon as its dependencies allow — while the pool warms for the tasks still to come.
/// The same <see cref="TaskWorker"/>, <see cref="TaskRuntime"/> and <see cref="RunContext"/> as a
/// written plan's run; each worker's context carries the plan as it stood when its task came.
/// </summary>
public sealed class FeedOrchestrator(RunContext run, TaskFeed feed)
{
    /// <summary>Pooled worktrees to have ready while the planner thinks; 0 warms nothing.</summary>
    public int Warm { get; init; }

    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var recorder = run.Recorder;
        await recorder.RecordAsync(new RunStarted(run.RunId, recorder.Now, Orchestrator.InfoOf(run)));
        await recorder.RecordAsync(new PlanningStarted(run.RunId, recorder.Now, feed.Goal, feed.Planner));
        var warming = WarmAsync(cancellationToken);

        var runtimes = new ConcurrentDictionary<string, TaskRuntime>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(run.MaxParallel, run.MaxParallel);
        var workers = new List<Task>();
        var order = 0;
        try
        {
            await foreach (var fed in feed.Tasks.ReadAllAsync(cancellationToken))
            {
                var task = fed.Task;
                await recorder.RecordAsync(new TaskAppeared(run.RunId, fed.At, task.Id, ++order));
                await recorder.RecordAsync(new TaskRegistered(run.RunId, recorder.Now, task.Id, task.Title, task.DependsOn));
                var runtime = runtimes.GetOrAdd(task.Id, _ => new TaskRuntime(task));
                var context = run with { Prepared = run.Prepared with { Plan = fed.Plan } };
                var worker = new TaskWorker(context, runtime, run.Agents.Create(fed.Plan.SettingsOf(task)), runtimes, slots);
                workers.Add(Task.Run(() => worker.RunAsync(false, cancellationToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The workers journal how they ended; planning is cancelled below.
        }

        var planned = cancellationToken.IsCancellationRequested ? new FeedResult(PhaseOutcome.Cancelled) : await feed.Result;
        await recorder.RecordAsync(new PlanningEnded(run.RunId, recorder.Now, planned.Outcome, order, planned.Detail));
        await Task.WhenAll(workers);
        await warming;

        var states = await Task.WhenAll(runtimes.Values.Select(r => r.Finished));
        var (state, exitCode) = cancellationToken.IsCancellationRequested ? (RunState.Cancelled, ExitCodes.Cancelled)
            : planned.Outcome == PhaseOutcome.Succeeded && states.All(s => s == TaskState.Succeeded) ? (RunState.Succeeded, ExitCodes.Success)
            : (RunState.Failed, ExitCodes.TaskFailed);
        await recorder.RecordAsync(new RunFinished(run.RunId, recorder.Now, state, exitCode, ProcessMemory.PeakBytes()));
        return new RunOutcome(run.RunId, state, exitCode);
    }

    /// <summary>Fills the pool while the planner thinks; a warm that fails only means tasks add their own worktrees.</summary>
    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        if (Warm <= 0)
        {
            return;
        }

        try
        {
            await run.Session.Pool.WarmAsync(new PoolSettings(Warm, run.BaseRef, run.Session.Pool.Settings.MaxDiskMB), run.BaseCommit, cancellationToken);
        }
#pragma warning disable CA1031 // The run's outcome never depends on the pool.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
