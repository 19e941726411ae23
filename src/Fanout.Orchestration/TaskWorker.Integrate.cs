using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

public sealed partial class TaskWorker
{
    /// <summary>
    /// Merges the dependencies' branches into this task's branch, in dependency order, so its agent
    /// starts from their work. A conflict fails the task here, naming the paths, before any agent runs.
    /// </summary>
    private Task IntegrateDependenciesAsync(CancellationToken cancellationToken)
    {
        if (task.Task.DependsOn.Count == 0)
        {
            return Task.CompletedTask;
        }

        var order = run.Plan.DependencyOrder;
        var dependencies = task.Task.DependsOn.Distinct(StringComparer.Ordinal).OrderBy(id => Rank(order, id)).ToArray();
        return PhaseAsync(Phase.Integrate, async () =>
        {
            foreach (var id in dependencies)
            {
                var branch = all[id].Workspace?.Branch ?? throw new PhaseFailedException(Phase.Integrate, $"dependency {id} has no branch");
                var merged = await run.Git.MergeAsync(Workspace.Path, branch, $"Merge dependency {id} ({branch}) into {Id}", noFastForward: false, cancellationToken);
                if (!merged.Merged)
                {
                    throw new PhaseFailedException(
                        Phase.Integrate,
                        $"merging dependency {id} ({branch}) into {Workspace.Branch} conflicts in {string.Join(", ", merged.Conflicts)}; the tasks touch the same lines, so make one of them depend on the other's result or split them differently");
                }
            }

            task.IntegratedHead = await run.Git.TryResolveCommitAsync(Workspace.Branch, cancellationToken);
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
