using System.Text;

using Fanout.Plans;

namespace Fanout.Agents;

/// <summary>Context a task's prompt is framed with, so an agent knows where it is and how it will be judged.</summary>
public sealed record PromptContext(string RunId, string Branch, string BaseRef, string Worktree)
{
    public int? Issue { get; init; }

    public string? IssueUrl { get; init; }

    public string? TestCommand { get; init; }

    /// <summary>The plan's project-wide text, put before the task.</summary>
    public string? Preamble { get; init; }

    /// <summary>The folders of a sparse worktree (with the files at its top); null when it holds the whole repository.</summary>
    public IReadOnlyList<string>? Sparse { get; init; }
}

public static class PromptComposer
{
    public static string Compose(PlanTask task, PromptContext context)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(context);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(context.Preamble))
        {
            text.AppendLine(context.Preamble.Trim()).AppendLine();
        }

        text.Append("# ").AppendLine(task.Title).AppendLine();
        text.AppendLine(task.Prompt.TrimEnd()).AppendLine();
        List("Acceptance criteria", task.Acceptance, text);
        List("Files to touch", task.Files.Select(f => $"`{f}`").ToArray(), text);
        text.AppendLine("---");
        text.Append("Task `").Append(task.Id).Append("` of run `").Append(context.RunId).AppendLine("`.");
        text.Append("You are on branch `").Append(context.Branch).Append("` (from `").Append(context.BaseRef)
            .Append("`) in `").Append(context.Worktree).AppendLine("`; change files only there.");
        if (context.Sparse is { } folders)
        {
            // Without this an agent looks for the rest of the repository and concludes it is missing.
            text.AppendLine(folders.Count == 0
                ? "The worktree is a sparse checkout: it holds only the files at the top of the repository, no folders. Other paths exist in the repository but are not checked out; create files elsewhere only if the task needs them."
                : $"The worktree is a sparse checkout: it holds only {string.Join(", ", folders.Select(f => $"`{f}/`"))} and the files at the top of the repository. Other paths exist in the repository but are not checked out; create files elsewhere only if the task needs them.");
        }

        if (context.Issue is { } issue)
        {
            text.Append("Tracked as issue #").Append(issue).Append(context.IssueUrl is { } url ? $" ({url})" : string.Empty).AppendLine(".");
        }

        text.AppendLine(context.TestCommand is { } test
            ? $"The task is accepted only when `{test}` passes and the branch has changes."
            : "The task is accepted only when the branch has changes.");
        return text.ToString();
    }

    private static void List(string heading, IReadOnlyList<string> items, StringBuilder text)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append("## ").AppendLine(heading).AppendLine();
        foreach (var item in items)
        {
            text.Append("- ").AppendLine(item.Trim());
        }

        text.AppendLine();
    }
}
