using Fanout.Journal;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// Takes one of the run's slots (<c>maxParallel</c>). A task that gets one at once journals nothing;
/// one that must wait is <c>queued</c>, in a phase of its own, so waiting is shown as waiting and
/// never counted as setup.
/// </summary>
internal sealed class QueuePhase(TaskScope scope, SemaphoreSlim slots)
{
    public async Task TakeSlotAsync(CancellationToken cancellationToken)
    {
        if (await slots.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return;
        }

        await scope.SetStateAsync(TaskState.Queued, "waiting for a free slot (maxParallel)");
        await scope.PhaseAsync(Phase.Queued, () => slots.WaitAsync(cancellationToken), cancellationToken, $"all {scope.Run.MaxParallel} slots busy");
    }
}
