using System.Threading.Channels;

using Fanout.Journal;
using Fanout.Orchestration;

using Hangfire;

namespace Fanout.Distributed;

/// <summary>
/// The coordinator's loop: enqueue every task whose dependencies have ended, hand what the workers
/// journal to the console, and stop when every task has ended. Cancelled, it deletes the jobs no
/// worker took yet and says so in the journal; tasks already on a worker finish there.
/// </summary>
internal sealed class RunFollower(IJournal journal, PreparedRun prepared, IBackgroundJobClient jobs, RunRecorder recorder, ChannelWriter<RunEvent>? live)
{
    // Task → its Hangfire job; null for a job an earlier coordinator of the run enqueued (a resume finds it in the journal).
    private readonly Dictionary<string, string?> _enqueued = new(StringComparer.Ordinal);
    private readonly RunFold _fold = new();
    private long _seq;

    public async Task<RunState> FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var run = await ReadAsync(cancellationToken);
                await EnqueueReadyAsync(run);
                if (prepared.Plan.Tasks.All(t => Ended(run, t.Id)))
                {
                    return run.Tasks.All(t => t.Outcome == TaskState.Succeeded) ? RunState.Succeeded : RunState.Failed;
                }

                await Task.Delay(DistributedTiming.CoordinatorPoll, recorder.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync();
            return RunState.Cancelled;
        }
    }

    /// <summary>Folds what came after the last read; the coordinator's own events come back this way too, and only the workers' go to the console (its own went there when recorded).</summary>
    private async Task<RunSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await journal.EventsAfterAsync(prepared.RunId, _seq, cancellationToken))
        {
            _seq = entry.Seq;
            _fold.Apply(entry.Event);
            if (IsOwn(entry.Event))
            {
                // Enqueued by this coordinator, or by the one before a resume: its job is still Hangfire's.
                _enqueued.TryAdd(((TaskEvent)entry.Event).TaskId, null);
            }

            if (entry.Event is TaskEvent and not TaskRegistered && !IsOwn(entry.Event))
            {
                live?.TryWrite(entry.Event);
            }
        }

        return _fold.Snapshot ?? throw new InvalidOperationException($"run {prepared.RunId} is not in the journal");
    }

    private static bool IsOwn(RunEvent runEvent) => runEvent is TaskStateChanged { State: TaskState.Pending, Reason: { } reason } && reason.StartsWith(EnqueuedReason, StringComparison.Ordinal);

    /// <summary>The reason of the state change that says a task was handed to the job engine.</summary>
    public const string EnqueuedReason = "enqueued on Hangfire queue ";

    private async Task EnqueueReadyAsync(RunSnapshot run)
    {
        foreach (var task in prepared.Plan.DependencyOrder.Select(prepared.Plan.Task))
        {
            if (_enqueued.ContainsKey(task.Id) || !task.DependsOn.All(id => Ended(run, id)))
            {
                continue;
            }

            var taskId = task.Id;
            var runId = prepared.RunId;

            // Journaled first, so a worker that takes the job at once comes after it: the moment the
            // engine got the task, for its own cost per task (enqueued → agent started).
            await recorder.RecordAsync(new TaskStateChanged(runId, recorder.Now, taskId, TaskState.Pending, EnqueuedReason + HangfireStore.Queue));
            _enqueued[task.Id] = jobs.Enqueue<TaskJob>(j => j.RunAsync(runId, taskId, CancellationToken.None));
        }
    }

    private static bool Ended(RunSnapshot run, string taskId) => run.Tasks.FirstOrDefault(t => t.Id == taskId)?.Outcome is not null;

    private async Task CancelAsync()
    {
        var run = _fold.Snapshot;
        foreach (var (taskId, job) in _enqueued)
        {
            var task = run?.Tasks.FirstOrDefault(t => t.Id == taskId);
            if (job is not null && task is { Outcome: null, Phases.Count: 0 } && jobs.Delete(job))
            {
                await recorder.RecordAsync(new TaskStateChanged(prepared.RunId, recorder.Now, taskId, TaskState.Cancelled, "the run was cancelled before a worker took the task"));
            }
        }

        foreach (var task in prepared.Plan.Tasks.Where(t => !_enqueued.ContainsKey(t.Id)))
        {
            await recorder.RecordAsync(new TaskStateChanged(prepared.RunId, recorder.Now, task.Id, TaskState.Cancelled, "the run was cancelled before the task was enqueued"));
        }
    }
}
