using System.Text.RegularExpressions;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>
/// Reads a ccpm epic as a plan: <c>.claude/epics/&lt;name&gt;/epic.md</c> (front matter: name,
/// status, created, progress, prd, github; the body describes the epic) and its numbered task
/// files (<c>001.md</c>, or <c>&lt;issue&gt;.md</c> after a GitHub sync). A task's id is its file's
/// number; closed tasks are skipped and count as done for the tasks that depend on them.
/// </summary>
internal static partial class CcpmEpicReader
{
    public const string EpicFile = "epic.md";

    private static readonly string[] EpicKeys = ["name", "status", "created", "progress", "prd", "github"];

    /// <summary>The epic.md named by <paramref name="path"/> (the file itself or its folder), or null when it names no epic.</summary>
    public static YamlSource? Find(string path)
    {
        if (File.Exists(path) && Path.GetFileName(path) == EpicFile)
        {
            return new YamlSource(path, Path.GetFullPath(path));
        }

        var inFolder = Path.Combine(path, EpicFile);
        return Directory.Exists(path) && File.Exists(inFolder) ? new YamlSource(inFolder, Path.GetFullPath(inFolder)) : null;
    }

    public static PlanDraft Read(YamlSource epic, PlanLoadOptions options, ErrorSink errors, PlanPaths paths)
    {
        var text = PromptFiles.ReadText(epic.FullPath, out var problem) ?? string.Empty;
        if (problem is not null)
        {
            errors.Add(epic.Start, $"epic file '{epic.DisplayPath}' cannot be read: {problem}");
        }

        var reader = new NodeReader(epic, errors, paths);
        var split = FrontMatter.Split(text);
        var fields = FrontMatterReader.Fields(split, EpicKeys, reader);
        var name = reader.String(fields?["name"], "'name'") ?? new DirectoryInfo(epic.Folder).Name;
        var description = split.Prompt.Trim();

        var tasks = TaskFiles(epic.Folder)
            .Select(file => CcpmTaskFile.Read(new YamlSource(epic.Sibling(Path.GetFileName(file)), file), name, description, reader))
            .ToArray();
        if (tasks.Length == 0)
        {
            errors.Add(epic.Start, $"epic '{name}' has no task files; ccpm writes them next to epic.md as 001.md, 002.md, ... (/pm:epic-decompose {name})");
        }
        else if (tasks.All(t => t.Closed))
        {
            errors.Add(epic.Start, $"every task of epic '{name}' is closed; nothing to run (set 'status: open' on a task file to run it again)");
        }

        var ids = tasks.Select(t => t.Draft.Task.Id).ToArray();
        var closed = tasks.Where(t => t.Closed).Select(t => t.Draft.Task.Id).ToHashSet(StringComparer.Ordinal);
        var drafts = tasks.Where(t => !t.Closed).Select(t => Resolve(t.Draft, ids, closed)).ToArray();
        var plan = new Plan(name, epic.DisplayPath, PlanFormat.Ccpm, drafts.Select(d => d.Task).ToArray())
        {
            Agent = options.AgentOverride ?? "claude",
        };
        return new PlanDraft(plan, drafts, epic.Start);
    }

    /// <summary>The numbered task files, in numeric order; other files (analysis, updates) are ccpm's own notes.</summary>
    private static IEnumerable<string> TaskFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.md")
            .Where(f => TaskFileName().IsMatch(Path.GetFileName(f)))
            .OrderBy(f => long.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(f => f, StringComparer.Ordinal);

    /// <summary>Names written as numbers (1 for 001) are matched to their file; links to closed tasks are dropped.</summary>
    private static TaskDraft Resolve(TaskDraft draft, IReadOnlyList<string> ids, HashSet<string> closed)
    {
        var task = draft.Task;
        var dependencies = task.DependsOn.Select(d => Canonical(d, ids)).ToArray();
        var keptDependencies = Enumerable.Range(0, dependencies.Length).Where(i => !closed.Contains(dependencies[i])).ToArray();
        var conflicts = task.ConflictsWith.Select(c => Canonical(c, ids)).ToArray();
        var keptConflicts = Enumerable.Range(0, conflicts.Length).Where(i => !closed.Contains(conflicts[i])).ToArray();
        return draft with
        {
            Task = task with
            {
                DependsOn = keptDependencies.Select(i => dependencies[i]).ToArray(),
                ConflictsWith = keptConflicts.Select(i => conflicts[i]).ToArray(),
            },
            DependencyPositions = keptDependencies.Select(i => draft.DependencyPositions[i]).ToArray(),
            ConflictPositions = keptConflicts.Select(i => draft.ConflictPositions[i]).ToArray(),
        };
    }

    private static string Canonical(string reference, IReadOnlyList<string> ids)
    {
        if (ids.Contains(reference, StringComparer.Ordinal) || !long.TryParse(reference, out var number))
        {
            return reference;
        }

        var matches = ids.Where(id => long.TryParse(id, out var n) && n == number).ToArray();
        return matches.Length == 1 ? matches[0] : reference;
    }

    [GeneratedRegex(@"^[0-9]+\.md$")]
    private static partial Regex TaskFileName();
}
