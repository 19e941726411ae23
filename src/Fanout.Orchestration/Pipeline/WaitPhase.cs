using Fanout.Journal;

namespace Fanout.Orchestration.Pipeline;

/// <summary>Waits until the task's dependencies finished; waiting is its own phase, not setup.</summary>
internal sealed class WaitPhase(TaskScope scope)
{
    /// <returns>Why the task is blocked (a dependency that did not succeed), or null when it may go on.</returns>
    public async Task<string?> WaitAsync(CancellationToken cancellationToken)
    {
        var dependsOn = scope.Task.Task.DependsOn;
        var dependencies = dependsOn.Select(id => (Id: id, scope.All[id].Finished)).ToArray();
        if (dependencies.Length == 0)
        {
            return null;
        }

        var waiting = dependencies.Any(d => !d.Finished.IsCompleted);
        if (waiting)
        {
            await scope.RecordAsync(new PhaseStarted(scope.Run.RunId, scope.Now, scope.Id, Phase.Wait, string.Join(", ", dependsOn), scope.Run.Worker));
        }

        await Task.WhenAll(dependencies.Select(d => d.Finished)).WaitAsync(cancellationToken);
        if (waiting)
        {
            await scope.RecordAsync(new PhaseEnded(scope.Run.RunId, scope.Now, scope.Id, Phase.Wait, PhaseOutcome.Succeeded, Worker: scope.Run.Worker));
        }

        var failed = dependencies.Where(d => d.Finished.Result != TaskState.Succeeded).Select(d => $"{d.Id} {d.Finished.Result.Name()}").ToArray();
        return failed.Length == 0 ? null : $"dependency {string.Join(", ", failed)}";
    }
}
