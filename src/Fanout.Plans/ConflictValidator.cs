namespace Fanout.Plans;

/// <summary>Checks <c>conflictsWith</c> entries as dependencies are checked: known tasks, not the task itself.</summary>
internal static class ConflictValidator
{
    public static void Check(PlanDraft draft, IReadOnlyDictionary<string, TaskDraft> known, ErrorSink errors)
    {
        var names = draft.Tasks.Select(t => t.Task.Id).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var draftTask in draft.Tasks)
        {
            var task = draftTask.Task;
            for (var i = 0; i < task.ConflictsWith.Count; i++)
            {
                var other = task.ConflictsWith[i];
                var position = i < draftTask.ConflictPositions.Count ? draftTask.ConflictPositions[i] : task.Position;
                if (other == task.Id)
                {
                    errors.Add(position, $"task '{task.Id}' conflicts with itself; remove '{task.Id}' from its conflicts");
                }
                else if (!known.ContainsKey(other))
                {
                    var hint = Suggestions.Hint(other, names);
                    errors.Add(position, $"unknown task '{other}' in the conflicts of task '{task.Id}'{(hint.Length > 0 ? hint : "; known tasks: " + string.Join(", ", names.Take(12)))}");
                }
            }
        }
    }
}
