using Fanout.Journal;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// Merges the dependencies' branches into this task's branch, in dependency order, so its agent
/// starts from their work. A conflict fails the task here, naming the paths, before any agent runs.
/// </summary>
internal sealed class IntegratePhase(TaskScope scope)
{
    public Task IntegrateAsync(CancellationToken cancellationToken)
    {
        var task = scope.Task.Task;
        if (task.DependsOn.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (scope.Task.History is { Integrated: true } history)
        {
            // Merging again would be a no-op, but the agent's work must still be counted from where it began.
            scope.Task.IntegratedHead = history.Snapshot.StartHead;
            return Task.CompletedTask;
        }

        var order = scope.Run.Plan.DependencyOrder;
        var dependencies = task.DependsOn.Distinct(StringComparer.Ordinal).OrderBy(id => Rank(order, id)).ToArray();
        return scope.PhaseAsync(Phase.Integrate, async () =>
        {
            var workspace = scope.Workspace;
            foreach (var id in dependencies)
            {
                var branch = scope.All[id].Workspace?.Branch ?? throw new PhaseFailedException(Phase.Integrate, $"dependency {id} has no branch");
                var merged = await scope.Run.Git.MergeAsync(workspace.Path, branch, $"Merge dependency {id} ({branch}) into {scope.Id}", noFastForward: false, cancellationToken);
                if (!merged.Merged)
                {
                    throw new PhaseFailedException(
                        Phase.Integrate,
                        $"merging dependency {id} ({branch}) into {workspace.Branch} conflicts in {string.Join(", ", merged.Conflicts)}; the tasks touch the same lines, so make one of them depend on the other's result or split them differently");
                }
            }

            scope.Task.IntegratedHead = await scope.Run.Git.TryResolveCommitAsync(workspace.Branch, cancellationToken);
            await scope.RecordAsync(new TaskLinked(scope.Run.RunId, scope.Now, scope.Id, StartHead: scope.Task.IntegratedHead));
        }, cancellationToken, string.Join(", ", dependencies));
    }

    private static int Rank(IReadOnlyList<string> order, string id)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == id)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
