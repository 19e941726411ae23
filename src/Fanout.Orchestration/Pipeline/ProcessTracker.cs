using Fanout.Journal;
using Fanout.Processes;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// Journals the processes one step of a task starts (pid and start time), so that a resume can end
/// any that outlived the attempt. The runner reports a start synchronously; the journal write is
/// chained and awaited before the exit is journaled, so the two are always in order.
/// </summary>
internal sealed class ProcessTracker(TaskScope scope, string command)
{
    private readonly Lock _gate = new();
    private Task _started = Task.CompletedTask;
    private int? _pid;

    public void OnStarted(int pid)
    {
        var at = scope.Now;
        var ticks = ProcessGroups.StartTicks(pid);
        lock (_gate)
        {
            _pid = pid;
            _started = scope.RecordAsync(new ProcessStarted(scope.Run.RunId, at, scope.Id, pid, ticks, command));
        }
    }

    public async Task ExitedAsync(int exitCode)
    {
        Task started;
        int? pid;
        lock (_gate)
        {
            (started, pid) = (_started, _pid);
        }

        await started;
        if (pid is { } known)
        {
            await scope.RecordAsync(new ProcessExited(scope.Run.RunId, scope.Now, scope.Id, known, exitCode));
        }
    }
}
