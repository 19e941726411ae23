using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads one Contextune task file: front matter (id, status, dependencies, labels, ...) and a Markdown prompt.</summary>
internal static class ContextuneTaskFile
{
    private static readonly string[] Keys = ["id", "title", "status", "priority", "dependencies", "labels"];

    private static readonly string[] DoneStatuses = ["completed", "done"];

    public static ContextuneTask Read(TaskIndexEntry entry, string file, YamlNode? fileNode, NodeReader planReader)
    {
        var position = fileNode is null ? entry.Position : planReader.Source.At(fileNode);
        var fullPath = planReader.Paths.File(file, planReader.Source.Folder, position, $"task file '{file}' of task '{entry.Id}'", planReader.Errors);
        if (fullPath is null)
        {
            return new ContextuneTask(Draft(entry, entry.Name ?? entry.Id, string.Empty, PromptFiles.Resolve(planReader.Source.Folder, file), null, null), Completed: false);
        }

        var text = PromptFiles.ReadText(fullPath, out var problem);
        if (text is null)
        {
            planReader.Errors.Add(position, problem is null
                ? $"task file '{file}' of task '{entry.Id}' not found (relative to {planReader.Source.Folder})"
                : $"task file '{file}' of task '{entry.Id}' cannot be read: {problem}");
            return new ContextuneTask(Draft(entry, entry.Name ?? entry.Id, string.Empty, fullPath, null, null), Completed: false);
        }

        var reader = new NodeReader(new YamlSource(planReader.Source.Sibling(file), fullPath), planReader.Errors, planReader.Paths);
        var split = FrontMatter.Split(text);
        var fields = FrontMatterFields(split, entry, reader);
        var status = reader.String(fields?["status"], "'status'");
        var completed = status is not null && DoneStatuses.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase);
        if (!completed && string.IsNullOrWhiteSpace(split.Prompt))
        {
            reader.Errors.Add(reader.Source.Start, $"task file of task '{entry.Id}' has no Markdown body; write the task's prompt below the front matter");
        }

        var title = entry.Name ?? reader.String(fields?["title"], "'title'") ?? split.FirstHeading() ?? entry.Id;
        var draft = Draft(entry, title, split.Prompt, fullPath, fields, reader);
        return new ContextuneTask(draft, completed);
    }

    private static Fields? FrontMatterFields(FrontMatter split, TaskIndexEntry entry, NodeReader reader)
    {
        if (FrontMatterReader.Fields(split, Keys, "front matter must be a mapping of keys such as 'id' and 'dependencies'", reader) is not { } fields)
        {
            return null;
        }

        var id = reader.String(fields["id"], "'id'");
        if (id is not null && id != entry.Id)
        {
            reader.Error(fields["id"]!, $"task file says id '{id}' but plan.yaml lists it as '{entry.Id}'; make the two ids the same");
        }

        return fields;
    }

    private static TaskDraft Draft(TaskIndexEntry entry, string title, string prompt, string fullPath, Fields? fields, NodeReader? reader)
    {
        var own = reader is null ? [] : reader.Strings(fields?["dependencies"], "'dependencies'");
        var dependencies = entry.Dependencies.Concat(own).DistinctBy(d => d.Value, StringComparer.Ordinal).ToArray();
        var task = new PlanTask(entry.Id, title, prompt, entry.Position)
        {
            DependsOn = dependencies.Select(d => d.Value).ToArray(),
            Labels = reader is null ? [] : reader.Strings(fields?["labels"], "'labels'").Select(l => l.Value).ToArray(),
            Priority = entry.Priority ?? reader?.String(fields?["priority"], "'priority'"),
            PromptFile = fullPath,
        };
        return new TaskDraft(task, entry.IdPosition, dependencies.Select(d => d.Position).ToArray(), AgentPosition: null);
    }
}
