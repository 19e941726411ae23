using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads the <c>tasks:</c> list of a <c>fanout.yaml</c>.</summary>
internal static class FanoutTaskReader
{
    private static readonly string[] Keys =
        ["id", "title", "prompt", "file", "dependsOn", "agent", "labels", "priority", "setup", "test", "acceptance", "files", "timeout", "retries", "conflictsWith"];

    public static IReadOnlyList<TaskDraft> ReadAll(YamlNode? node, YamlNode? keyNode, NodeReader reader)
    {
        if (keyNode is null)
        {
            reader.Errors.Add(reader.Source.Start, "plan has no 'tasks:'; add a list of tasks, each with an 'id' and a 'prompt'");
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(NodeReader.IsNull(node) ? keyNode : node!, "'tasks' must be a list of tasks, each starting with '- id:'");
            return [];
        }

        if (sequence.Children.Count == 0)
        {
            reader.Error(sequence, "'tasks' is empty; add at least one task with an 'id' and a 'prompt'");
            return [];
        }

        var tasks = new List<TaskDraft>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                reader.Error(item, "each task must be a mapping with at least 'id' and 'prompt' (or 'file')");
            }
            else if (Read(mapping, reader) is { } task)
            {
                tasks.Add(task);
            }
        }

        return tasks;
    }

    private static TaskDraft? Read(YamlMappingNode mapping, NodeReader reader)
    {
        var fields = reader.Fields(mapping, Keys, "in task");
        var id = reader.String(fields["id"], "task 'id'");
        if (id is null)
        {
            reader.Error(mapping, "task has no 'id'; give it a short unique name such as 'api-client'");
            return null;
        }

        if (TaskIds.Problem(id) is { } problem)
        {
            reader.Error(fields["id"]!, problem);
        }

        var dependencies = reader.Strings(fields["dependsOn"], $"'dependsOn' of task '{id}'");
        var conflicts = reader.Strings(fields["conflictsWith"], $"'conflictsWith' of task '{id}'");
        var agentNode = fields["agent"];
        var (prompt, promptFile) = Prompt(id, mapping, fields, reader);
        var task = new PlanTask(id, reader.String(fields["title"], $"'title' of task '{id}'") ?? id, prompt, reader.Source.At(mapping))
        {
            DependsOn = dependencies.Select(d => d.Value).ToArray(),
            Agent = reader.String(agentNode, $"'agent' of task '{id}'"),
            Labels = reader.Strings(fields["labels"], $"'labels' of task '{id}'").Select(l => l.Value).ToArray(),
            Priority = reader.String(fields["priority"], $"'priority' of task '{id}'"),
            Setup = reader.Command(fields["setup"], $"'setup' of task '{id}'"),
            Test = reader.Command(fields["test"], $"'test' of task '{id}'"),
            PromptFile = promptFile,
            Acceptance = reader.Strings(fields["acceptance"], $"'acceptance' of task '{id}'").Select(a => a.Value).ToArray(),
            Files = Files(id, fields["files"], reader),
            Timeout = FanoutValues.Timeout(fields["timeout"], reader, $"task '{id}'"),
            Retries = FanoutValues.Retries(fields["retries"], reader, $"task '{id}'"),
            ConflictsWith = conflicts.Select(c => c.Value).ToArray(),
        };

        return new TaskDraft(
            task,
            reader.Source.At(fields["id"]!),
            dependencies.Select(d => d.Position).ToArray(),
            agentNode is null ? null : reader.Source.At(agentNode))
        {
            ConflictPositions = conflicts.Select(c => c.Position).ToArray(),
        };
    }

    private static (string Prompt, string? File) Prompt(string id, YamlMappingNode mapping, Fields fields, NodeReader reader)
    {
        var prompt = reader.String(fields["prompt"], $"'prompt' of task '{id}'");
        var file = reader.String(fields["file"], $"'file' of task '{id}'");
        if (fields.Has("prompt") && fields.Has("file"))
        {
            reader.Error(fields.KeyNode("file")!, $"task '{id}' has both 'prompt' and 'file'; keep one");
            return (prompt ?? string.Empty, null);
        }

        if (file is not null)
        {
            return FromFile(id, file, fields["file"]!, reader);
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            var where = fields.Has("prompt") ? fields["prompt"]! : mapping;
            reader.Error(where, fields.Has("prompt") || fields.Has("file")
                ? $"task '{id}' has an empty prompt; say what the agent should do"
                : $"task '{id}' needs 'prompt' (the text for the agent) or 'file' (a file holding it)");
            return (string.Empty, null);
        }

        return (prompt, null);
    }

    /// <summary>Files the task is expected to touch, named from the repository's top: each must be inside it.</summary>
    private static string[] Files(string id, YamlNode? node, NodeReader reader)
    {
        var files = reader.Strings(node, $"'files' of task '{id}'");
        foreach (var (file, position) in files)
        {
            reader.Paths.Check(file, reader.Paths.Root, position, $"file '{file}' in 'files' of task '{id}'", reader.Errors);
        }

        return files.Select(f => f.Value).ToArray();
    }

    private static (string Prompt, string? File) FromFile(string id, string file, YamlNode node, NodeReader reader)
    {
        var fullPath = reader.Paths.File(file, reader.Source.Folder, reader.Source.At(node), $"prompt file '{file}' of task '{id}'", reader.Errors);
        if (fullPath is null)
        {
            return (string.Empty, null);
        }

        var text = PromptFiles.ReadText(fullPath, out var problem);
        if (text is null)
        {
            reader.Error(node, problem is null
                ? $"prompt file '{file}' not found (relative to {reader.Source.Folder})"
                : $"prompt file '{file}' of task '{id}' cannot be read: {problem}");
            return (string.Empty, fullPath);
        }

        var prompt = PromptFiles.Prompt(fullPath, text);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            reader.Error(node, $"prompt file '{file}' of task '{id}' is empty; say what the agent should do");
        }

        return (prompt, fullPath);
    }
}
