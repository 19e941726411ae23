using Fanout.Core;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>
/// Reads a Contextune plan: <c>.parallel/plans/plan.yaml</c> indexes the tasks, and each task's
/// Markdown file holds its prompt under YAML front matter. Of the other top-level sections
/// Contextune writes, overview, research and success_criteria are put before every task's prompt.
/// </summary>
internal static class ContextunePlanReader
{
    private static readonly string[] TaskKeys = ["id", "name", "file", "priority", "dependencies"];

    public static PlanDraft Read(YamlMappingNode root, NodeReader reader, PlanLoadOptions options)
    {
        var source = reader.Source;
        var top = reader.Fields(root, ["metadata", "tasks"], "in plan", ignoreUnknown: true);
        var tasks = new List<ContextuneTask>();
        if (top["tasks"] is YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (item is not YamlMappingNode mapping)
                {
                    reader.Error(item, "each task must be a mapping with at least 'id' and 'file'");
                }
                else if (ReadTask(mapping, reader) is { } task)
                {
                    tasks.Add(task);
                }
            }
        }
        else
        {
            reader.Error(top.KeyNode("tasks") ?? root, "plan has no tasks; list them under 'tasks:' with 'id' and 'file'");
        }

        var completed = tasks.Where(t => t.Completed).Select(t => t.Draft.Task.Id).ToHashSet(StringComparer.Ordinal);
        var drafts = tasks.Where(t => !t.Completed).Select(t => WithoutDependencies(t.Draft, completed)).ToArray();
        var plan = new Plan(PlanName(top["metadata"], reader), source.DisplayPath, PlanFormat.Contextune, drafts.Select(d => d.Task).ToArray())
        {
            Agent = options.AgentOverride ?? "claude",
            Preamble = ContextuneContext.Preamble(root),
        };
        return new PlanDraft(plan, drafts, source.Start);
    }

    private static ContextuneTask? ReadTask(YamlMappingNode mapping, NodeReader reader)
    {
        var fields = reader.Fields(mapping, TaskKeys, "in task", ignoreUnknown: true);
        var id = reader.String(fields["id"], "task 'id'");
        if (id is null)
        {
            reader.Error(mapping, "task has no 'id'; give it the id its task file uses, such as 'task-0'");
            return null;
        }

        if (TaskIds.Problem(id) is { } problem)
        {
            reader.Error(fields["id"]!, problem);
        }

        var file = reader.String(fields["file"], $"'file' of task '{id}'") ?? $"tasks/{id}.md";
        var dependencies = reader.Strings(fields["dependencies"], $"'dependencies' of task '{id}'");
        var index = new TaskIndexEntry(
            id,
            reader.Source.At(fields["id"]!),
            reader.Source.At(mapping),
            reader.String(fields["name"], $"'name' of task '{id}'"),
            reader.String(fields["priority"], $"'priority' of task '{id}'"),
            dependencies);
        return ContextuneTaskFile.Read(index, file, fields["file"], reader);
    }

    private static TaskDraft WithoutDependencies(TaskDraft draft, HashSet<string> satisfied)
    {
        var kept = Enumerable.Range(0, draft.Task.DependsOn.Count).Where(i => !satisfied.Contains(draft.Task.DependsOn[i])).ToArray();
        return draft with
        {
            Task = draft.Task with { DependsOn = kept.Select(i => draft.Task.DependsOn[i]).ToArray() },
            DependencyPositions = kept.Select(i => draft.DependencyPositions[i]).ToArray(),
        };
    }

    // The plan is named after the repository, the folder that holds .parallel/, when metadata has no name.
    private static string PlanName(YamlNode? metadata, NodeReader reader)
    {
        var name = metadata is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("name"), out var node)
            ? reader.String(node, "'name' in metadata")
            : null;
        if (!string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        var folder = new DirectoryInfo(reader.Source.Folder);
        return folder is { Name: "plans", Parent: { Name: ".parallel", Parent: { } repository } } ? repository.Name : folder.Name;
    }
}

/// <summary>A task's entry in plan.yaml.</summary>
internal sealed record TaskIndexEntry(
    string Id,
    SourcePosition IdPosition,
    SourcePosition Position,
    string? Name,
    string? Priority,
    IReadOnlyList<(string Value, SourcePosition Position)> Dependencies);

internal sealed record ContextuneTask(TaskDraft Draft, bool Completed);
