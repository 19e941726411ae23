namespace Fanout.Plans;

/// <summary>One ccpm task file: front matter (name, status, depends_on, parallel, conflicts_with, ...) and a Markdown prompt.</summary>
internal static class CcpmTaskFile
{
    private static readonly string[] Keys = ["name", "status", "created", "updated", "github", "depends_on", "parallel", "conflicts_with"];

    private static readonly string[] ClosedStatuses = ["closed", "completed", "done"];

    public static CcpmTask Read(YamlSource file, string epicName, string epicDescription, NodeReader epicReader)
    {
        var id = Path.GetFileNameWithoutExtension(file.FullPath);
        var errors = epicReader.Errors;
        var reader = new NodeReader(file, errors, epicReader.Paths);

        // A task file may be a link someone placed in the epic's folder; it is read only when it stays inside.
        if (!epicReader.Paths.Check(file.FullPath, epicReader.Source.Folder, file.Start, $"task file '{file.DisplayPath}'", errors))
        {
            return new CcpmTask(new TaskDraft(new PlanTask(id, id, string.Empty, file.Start), file.Start, [], AgentPosition: null), Closed: false);
        }

        var text = PromptFiles.ReadText(file.FullPath, out var problem) ?? string.Empty;
        if (problem is not null)
        {
            errors.Add(file.Start, $"task file '{file.DisplayPath}' cannot be read: {problem}");
        }

        var split = FrontMatter.Split(text);
        var fields = FrontMatterReader.Fields(split, Keys, reader);
        var status = reader.String(fields?["status"], "'status'");
        var closed = status is not null && ClosedStatuses.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase);
        if (!closed && string.IsNullOrWhiteSpace(split.Prompt))
        {
            errors.Add(file.Start, $"task file of task '{id}' has no Markdown body; write the task's prompt below the front matter");
        }

        var dependencies = reader.Strings(fields?["depends_on"], "'depends_on'");
        var conflicts = reader.Strings(fields?["conflicts_with"], "'conflicts_with'");
        var task = new PlanTask(id, Title(reader.String(fields?["name"], "'name'"), split, id), Prompt(split.Prompt, epicName, epicDescription), file.Start)
        {
            DependsOn = dependencies.Select(d => d.Value).ToArray(),
            ConflictsWith = conflicts.Select(c => c.Value).ToArray(),
            Parallel = FrontMatterReader.Boolean(fields?["parallel"], "'parallel'", reader) ?? true,
            PromptFile = file.FullPath,
            // ccpm writes a placeholder ("[Will be updated when synced to GitHub]") until it syncs.
            ExistingIssue = IssueNumber((fields?["github"] as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value),
        };
        var draft = new TaskDraft(task, file.Start, dependencies.Select(d => d.Position).ToArray(), AgentPosition: null)
        {
            ConflictPositions = conflicts.Select(c => c.Position).ToArray(),
        };
        return new CcpmTask(draft, closed);
    }

    /// <summary>The number of a ccpm <c>github:</c> link (https://github.com/owner/repo/issues/42), or null.</summary>
    internal static int? IssueNumber(string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var last = link.Trim().TrimEnd('/').Split('/')[^1].TrimStart('#');
        return int.TryParse(last, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
    }

    /// <summary>ccpm headings read "# Task: Title"; the front matter's name wins.</summary>
    private static string Title(string? name, FrontMatter split, string id)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            return name.Trim();
        }

        var heading = split.FirstHeading();
        const string Prefix = "Task:";
        return heading is null ? id
            : heading.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? heading[Prefix.Length..].Trim()
            : heading;
    }

    /// <summary>
    /// The task's body, then the epic's description: ccpm projects usually keep epics out of git, so an
    /// agent in a worktree could not read epic.md itself.
    /// </summary>
    private static string Prompt(string body, string epicName, string epicDescription) =>
        epicDescription.Length == 0
            ? body
            : $"{body.TrimEnd()}\n\n---\n\nThis task is part of the epic `{epicName}`:\n\n{epicDescription}\n";
}

internal sealed record CcpmTask(TaskDraft Draft, bool Closed);
