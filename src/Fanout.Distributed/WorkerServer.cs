using Fanout.Core;
using Fanout.Orchestration.Session;

using Hangfire;

namespace Fanout.Distributed;

/// <summary>
/// <c>fanout worker</c>: a Hangfire server with one thread per slot that takes task jobs from the
/// shared database until it is stopped. Ctrl+C stops taking jobs and cancels the tasks it runs (they
/// journal how they ended); a worker that dies instead leaves its jobs to the invisibility timeout.
/// </summary>
public static class WorkerServer
{
    public static async Task<int> RunAsync(WorkerSettings settings, FanoutHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var worker = await WorkerHost.OpenAsync(settings, host, cancellationToken);
        var storage = HangfireStore.Open(worker.Database);
        worker.Jobs = new BackgroundJobClient(storage);
        var options = new BackgroundJobServerOptions
        {
            WorkerCount = settings.Slots,
            ServerName = settings.Name,
            Queues = [HangfireStore.Queue],
            Activator = new WorkerActivator(worker),
            SchedulePollingInterval = DistributedTiming.QueuePollInterval,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        worker.Say($"takes tasks from {worker.Database.Description} ({settings.Slots} slot(s)); clones under {settings.WorkDirectory}");
        using (new BackgroundJobServer(options, storage))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                worker.Say("stops: no new tasks; the running ones are cancelled");
            }
        }

        return ExitCodes.Cancelled;
    }
}
