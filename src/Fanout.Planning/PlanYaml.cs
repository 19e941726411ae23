using System.Globalization;
using System.Text;

namespace Fanout.Planning;

/// <summary>The commented <c>fanout.yaml</c> a planner's tasks become: a header, the run defaults, then the tasks.</summary>
public static class PlanYaml
{
    public static string Render(string name, string goal, string defaults, IReadOnlyList<PlannedTask> tasks, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(tasks);
        var text = new StringBuilder();
        text.Append("# Fanout plan written by a planning agent on ").Append(at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" for the goal:\n");
        foreach (var line in goal.Trim().ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("#   ").Append(line).Append('\n');
        }

        text.Append("# Check it with `fanout plan check`, start it with `fanout run`. Every task gets its own\n");
        text.Append("# issue, worktree, branch and agent; tasks that do not depend on each other run in parallel.\n\n");
        text.Append("name: ").Append(YamlScalars.Quoted(name)).Append("\n\n");
        text.Append(defaults.TrimEnd()).Append("\n\n");
        text.Append("# The planner's tasks: id (part of the branch name), title (the issue's), prompt (what the\n");
        text.Append("# agent is asked), dependsOn (tasks that must finish first), files and acceptance (in the prompt).\n");
        text.Append("tasks:\n");
        foreach (var task in tasks)
        {
            text.Append("  - id: ").Append(YamlScalars.Quoted(task.Id)).Append('\n');
            text.Append("    title: ").Append(YamlScalars.Quoted(task.Title)).Append('\n');
            if (task.DependsOn.Count > 0)
            {
                text.Append("    dependsOn: ").Append(YamlScalars.List(task.DependsOn)).Append('\n');
            }

            if (task.Files.Count > 0)
            {
                text.Append("    files: ").Append(YamlScalars.List(task.Files)).Append('\n');
            }

            if (task.Acceptance.Count > 0)
            {
                text.Append("    acceptance: ").Append(YamlScalars.List(task.Acceptance)).Append('\n');
            }

            if (task.Labels.Count > 0)
            {
                text.Append("    labels: ").Append(YamlScalars.List(task.Labels)).Append('\n');
            }

            text.Append("    prompt: ").Append(YamlScalars.Block(task.Prompt, 6)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A plan name from the goal: its first words, as a short slug.</summary>
    public static string NameOf(string goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var words = goal.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '\r', '.', ',', ':', ';', '/', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)]))
            .Where(w => w.Length > 0)
            .Take(5);
        var name = string.Join('-', words);
        return name.Length == 0 ? "planned" : name;
    }
}
