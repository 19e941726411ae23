using Hangfire;

namespace Fanout.Distributed;

/// <summary>
/// The Hangfire job of one task of one run: all a job carries is the run and the task; everything
/// else (plan, base commit, remote, history) the worker reads from the journal when it takes the job.
/// </summary>
public sealed class TaskJob(WorkerHost worker)
{
    /// <summary>
    /// Runs the task's pipeline on this worker. It never throws for the task's own failures (the
    /// journal holds them); Hangfire retries only what stopped the job itself, and a job whose worker
    /// died is handed to another worker by the invisibility timeout.
    /// </summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 5, 10])]
    [Queue(HangfireStore.Queue)]
    public Task RunAsync(string runId, string taskId, CancellationToken cancellationToken) =>
        worker.RunTaskAsync(runId, taskId, cancellationToken);
}
