namespace Fanout.Plans;

/// <summary>Finds dependency cycles and names each one in order, at the dependsOn entry that closes it.</summary>
internal static class CycleFinder
{
    private enum Mark
    {
        Unvisited,
        OnPath,
        Done,
    }

    /// <param name="tasks">Tasks with unique ids, in plan order.</param>
    public static void Report(IReadOnlyList<TaskDraft> tasks, ErrorSink errors)
    {
        var byId = tasks.ToDictionary(t => t.Task.Id, StringComparer.Ordinal);
        var marks = tasks.ToDictionary(t => t.Task.Id, _ => Mark.Unvisited, StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var task in tasks)
        {
            if (marks[task.Task.Id] == Mark.Unvisited)
            {
                Visit(task, byId, marks, path, errors);
            }
        }
    }

    // Recursion depth is bounded by the longest dependency chain, which plans keep short.
    private static void Visit(TaskDraft task, Dictionary<string, TaskDraft> byId, Dictionary<string, Mark> marks, List<string> path, ErrorSink errors)
    {
        var id = task.Task.Id;
        marks[id] = Mark.OnPath;
        path.Add(id);
        for (var i = 0; i < task.Task.DependsOn.Count; i++)
        {
            var dependency = task.Task.DependsOn[i];
            if (dependency == id || !byId.TryGetValue(dependency, out var next))
            {
                continue;
            }

            if (marks[dependency] == Mark.OnPath)
            {
                var cycle = path.Skip(path.IndexOf(dependency)).Append(dependency);
                errors.Add(task.DependencyPositions[i], $"dependency cycle: {string.Join(" -> ", cycle)}; remove one of these dependsOn entries");
            }
            else if (marks[dependency] == Mark.Unvisited)
            {
                Visit(next, byId, marks, path, errors);
            }
        }

        path.RemoveAt(path.Count - 1);
        marks[id] = Mark.Done;
    }
}
