using Hangfire;

namespace Fanout.Distributed;

/// <summary>Hands Hangfire the worker's own <see cref="TaskJob"/>, bound to this worker's clone, name and database.</summary>
internal sealed class WorkerActivator(WorkerHost worker) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(TaskJob) ? new TaskJob(worker) : base.ActivateJob(jobType);
}
