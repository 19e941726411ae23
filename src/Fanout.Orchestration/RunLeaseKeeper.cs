using Fanout.Journal;
using Fanout.Orchestration.Session;

namespace Fanout.Orchestration;

/// <summary>Renews the run's lease in the journal while the run's process lives, so every reader can tell it is alive.</summary>
public sealed class RunLeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RunLeaseKeeper(IJournal journal, string runId, TimeProvider time)
    {
        _loop = Task.Run(() => KeepAsync(journal, runId, time, _stop.Token), CancellationToken.None);
    }

    /// <summary>Takes the lease (a first renewal, before anything else of the run is journaled), then renews it in the background.</summary>
    public static async Task<RunLeaseKeeper> TakeAsync(IJournal journal, string runId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        await journal.RenewLeaseAsync(runId, Lease(time), cancellationToken);
        return new RunLeaseKeeper(journal, runId, time);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static RunLease Lease(TimeProvider time) => new(RunLiveness.Host, Environment.ProcessId, time.GetUtcNow());

    private static async Task KeepAsync(IJournal journal, string runId, TimeProvider time, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(RunLiveness.RenewInterval, time, stop);
            try
            {
                await journal.RenewLeaseAsync(runId, Lease(time), stop);
            }
#pragma warning disable CA1031 // A missed renewal is not fatal: the run lock still proves the run alive on this machine.
            catch (Exception error) when (error is not OperationCanceledException)
#pragma warning restore CA1031
            {
            }
        }
    }
}
