namespace Fanout.Plans;

/// <summary>The shape of a plan's dependency graph.</summary>
public static class PlanGraph
{
    /// <summary>Task ids by dependency depth: level 0 has no dependencies, level n depends on level n-1 at most.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Levels(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var order = plan.DependencyOrder.Count == plan.Tasks.Count ? plan.DependencyOrder : Order(plan);
        var byId = plan.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            depth[id] = byId[id].DependsOn.Where(depth.ContainsKey).Select(d => depth[d] + 1).DefaultIfEmpty(0).Max();
        }

        return plan.Tasks
            .GroupBy(t => depth.GetValueOrDefault(t.Id))
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)g.Select(t => t.Id).ToArray())
            .ToArray();
    }

    /// <summary>
    /// A topological order that keeps plan order wherever dependencies allow: each step takes the
    /// earliest task in the plan whose dependencies are all placed. The plan must be acyclic.
    /// </summary>
    internal static IReadOnlyList<string> Order(Plan plan)
    {
        var index = plan.Tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var waiting = plan.Tasks.Select(t => t.DependsOn.Distinct(StringComparer.Ordinal).Count(index.ContainsKey)).ToArray();
        var dependents = plan.Tasks.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < plan.Tasks.Count; i++)
        {
            foreach (var dependency in plan.Tasks[i].DependsOn.Distinct(StringComparer.Ordinal).Where(index.ContainsKey))
            {
                dependents[index[dependency]].Add(i);
            }
        }

        var ready = new SortedSet<int>(Enumerable.Range(0, plan.Tasks.Count).Where(i => waiting[i] == 0));
        var order = new List<string>(plan.Tasks.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(plan.Tasks[next].Id);
            foreach (var dependent in dependents[next])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        return order;
    }
}
