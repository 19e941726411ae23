using System.Globalization;
using System.Text.RegularExpressions;

namespace Fanout.Plans;

/// <summary>How a task of a run ended, as the plan's own format says it.</summary>
public enum TaskEnd
{
    Succeeded,
    Failed,
    Blocked,
    Cancelled,
}

/// <summary>
/// Writes each task's outcome back to its Contextune or ccpm task file when a run ends, so the
/// planner that wrote the plan sees what was done: Contextune's <c>status:</c> (completed, blocked),
/// ccpm's <c>status:</c> (closed) and <c>updated:</c>. Only those front matter lines change; the rest
/// of the file is kept byte for byte. Fanout's own plans are not touched, nor any plan with
/// <c>writeBack: false</c>.
/// </summary>
public static partial class PlanStatusWriter
{
    /// <returns>The task files that were changed.</returns>
    public static IReadOnlyList<string> WriteBack(Plan plan, IReadOnlyDictionary<string, TaskEnd> outcomes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (!plan.WriteBack || plan.Format == PlanFormat.Fanout)
        {
            return [];
        }

        var changed = new List<string>();
        foreach (var task in plan.Tasks)
        {
            if (task.PromptFile is not { } file || !outcomes.TryGetValue(task.Id, out var end) || !File.Exists(file))
            {
                continue;
            }

            var status = plan.Format == PlanFormat.Ccpm
                ? end == TaskEnd.Succeeded ? "closed" : null
                : end switch { TaskEnd.Succeeded => "completed", TaskEnd.Failed or TaskEnd.Blocked => "blocked", _ => null };
            var updated = plan.Format == PlanFormat.Ccpm ? now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;
            var text = File.ReadAllText(file);
            var rewritten = Rewrite(text, status, updated);
            if (rewritten != text)
            {
                File.WriteAllText(file, rewritten);
                changed.Add(file);
            }
        }

        return changed;
    }

    /// <summary>The text with its front matter's <c>status:</c> and <c>updated:</c> set (added when missing); text without front matter is returned as it is.</summary>
    public static string Rewrite(string text, string? status, string? updated)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = FrontMatterBlock().Match(text);
        if (!match.Success || (status is null && updated is null))
        {
            return text;
        }

        var block = match.Groups["body"].Value;
        block = Set(block, "status", status);
        block = Set(block, "updated", updated);
        return string.Concat(text.AsSpan(0, match.Groups["body"].Index), block, text.AsSpan(match.Groups["body"].Index + match.Groups["body"].Length));
    }

    private static string Set(string block, string key, string? value)
    {
        if (value is null)
        {
            return block;
        }

        var line = new Regex($"^{key}:[^\\r\\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        return line.IsMatch(block) ? line.Replace(block, $"{key}: {value}", 1) : block.TrimEnd('\r', '\n') + $"\n{key}: {value}\n";
    }

    [GeneratedRegex(@"\A---\r?\n(?<body>.*?\r?\n)---", RegexOptions.Singleline)]
    private static partial Regex FrontMatterBlock();
}
