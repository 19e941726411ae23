using Fanout.Core;

namespace Fanout.Plans;

/// <summary>Checks what no single task can check alone: unique ids, known dependencies, no cycles, known agents.</summary>
internal static class PlanValidator
{
    private const int MaxNamesListed = 12;

    /// <summary>GitHub's limit for an issue title; a title is also a line of the dashboard.</summary>
    public const int MaxTitleLength = 256;

    public static void Validate(PlanDraft draft, PlanLoadOptions options, ErrorSink errors)
    {
        var first = new Dictionary<string, TaskDraft>(StringComparer.Ordinal);
        foreach (var task in draft.Tasks)
        {
            if (!first.TryAdd(task.Task.Id, task))
            {
                errors.Add(task.IdPosition, $"duplicate task id '{task.Task.Id}' (first defined at {first[task.Task.Id].Task.Position}); give each task its own id");
            }
        }

        foreach (var task in draft.Tasks)
        {
            CheckTitle(task, errors);
        }

        CheckDependencies(draft, first, errors);
        ConflictValidator.Check(draft, first, errors);
        CycleFinder.Report(draft.Tasks.Where(t => first[t.Task.Id] == t).ToArray(), errors);
        CheckAgents(draft, options, errors);
    }

    private static void CheckDependencies(PlanDraft draft, Dictionary<string, TaskDraft> known, ErrorSink errors)
    {
        var names = draft.Tasks.Select(t => t.Task.Id).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var draftTask in draft.Tasks)
        {
            var task = draftTask.Task;
            for (var i = 0; i < task.DependsOn.Count; i++)
            {
                var dependency = task.DependsOn[i];
                if (dependency == task.Id)
                {
                    errors.Add(draftTask.DependencyPositions[i], $"task '{task.Id}' depends on itself; remove '{task.Id}' from its dependencies");
                }
                else if (!known.ContainsKey(dependency))
                {
                    var hint = Suggestions.Hint(dependency, names);
                    errors.Add(draftTask.DependencyPositions[i], $"unknown dependency '{dependency}' in task '{task.Id}'{(hint.Length > 0 ? hint : "; known tasks: " + List(names))}");
                }
            }
        }
    }

    /// <summary>
    /// A title becomes an issue title and a line on the user's terminal: control characters (an escape
    /// sequence can rewrite what a terminal shows) and newlines have no place in it.
    /// </summary>
    private static void CheckTitle(TaskDraft draft, ErrorSink errors)
    {
        var task = draft.Task;
        if (task.Title == task.Id)
        {
            // A title taken from the id: the id's own rules apply.
            return;
        }

        if (task.Title.Any(char.IsControl))
        {
            var control = task.Title.First(char.IsControl);
            errors.Add(task.Position, $"title of task '{task.Id}' contains U+{(int)control:X4}; write it as one line without control characters");
        }
        else if (task.Title.Length > MaxTitleLength)
        {
            errors.Add(task.Position, $"title of task '{task.Id}' is {task.Title.Length} characters long; use at most {MaxTitleLength} (GitHub's limit for an issue title)");
        }
    }

    private static void CheckAgents(PlanDraft draft, PlanLoadOptions options, ErrorSink errors)
    {
        var plan = draft.Plan;
        var suffix = options.AgentOverride is null ? string.Empty : " (given to override the plan's agent)";
        CheckAgent(plan.Agent, suffix, draft.AgentPosition, plan, options, errors);
        foreach (var task in draft.Tasks)
        {
            if (task.Task.Agent is { } agent)
            {
                CheckAgent(agent, $" in task '{task.Task.Id}'", task.AgentPosition ?? task.Task.Position, plan, options, errors);
            }
        }
    }

    private static void CheckAgent(string agent, string where, SourcePosition position, Plan plan, PlanLoadOptions options, ErrorSink errors)
    {
        if (plan.Agents.ContainsKey(agent) || options.KnownPresets.Contains(agent))
        {
            return;
        }

        var hint = Suggestions.Hint(agent, plan.Agents.Keys.Concat(options.KnownPresets));
        var defined = plan.Agents.Count == 0 ? string.Empty : $" (defined: {List(plan.Agents.Keys.Order(StringComparer.Ordinal))})";
        errors.Add(position, hint.Length > 0
            ? $"unknown agent '{agent}'{where}{hint}"
            : $"unknown agent '{agent}'{where}; define it under 'agents:'{defined} or use a preset: {FanoutAgentReader.Presets(options)}");
    }

    private static string List(IEnumerable<string> names)
    {
        var all = names.ToArray();
        return all.Length <= MaxNamesListed
            ? string.Join(", ", all)
            : $"{string.Join(", ", all.Take(MaxNamesListed))} and {all.Length - MaxNamesListed} more";
    }
}
