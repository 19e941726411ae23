using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>
/// A Contextune plan or ccpm epic says what to do but not how to run it; a <c>fanout.yaml</c> in the same
/// project supplies the run defaults (agent, agents, setup, test, include, tracker, base,
/// maxParallel, merge, writeBack). Its tasks, if any, are not part of the other plan.
/// </summary>
internal static class RunDefaults
{
    public static PlanDraft Apply(PlanDraft draft, YamlSource plan, PlanLoadOptions options, ErrorSink errors, PlanPaths paths)
    {
        if (CompanionOf(plan) is not { } companion)
        {
            return draft;
        }

        var text = PromptFiles.ReadText(companion.FullPath, out var problem);
        if (text is null)
        {
            errors.Add(companion.Start, $"'{companion.DisplayPath}' cannot be read: {problem}");
            return draft;
        }

        if (YamlText.Parse(text, companion, errors) is not YamlMappingNode root)
        {
            return draft;
        }

        var defaults = FanoutPlanReader.Read(root, new NodeReader(companion, errors, paths), options, defaultsOnly: true);
        var d = defaults.Plan;
        var merged = draft.Plan with
        {
            Base = d.Base,
            Tracker = d.Tracker,
            Agent = d.Agent,
            Agents = d.Agents,
            Setup = d.Setup,
            Test = d.Test,
            Include = d.Include,
            MaxParallel = d.MaxParallel,
            MergeTest = d.MergeTest,
            WriteBack = d.WriteBack,
        };
        return draft with { Plan = merged, AgentPosition = defaults.AgentPosition };
    }

    /// <summary>
    /// The project's <c>fanout.yaml</c>: beside <c>.parallel/</c> (two folders above plan.yaml) or
    /// beside <c>.claude/</c> (three folders above a ccpm epic.md).
    /// </summary>
    private static YamlSource? CompanionOf(YamlSource plan)
    {
        var folder = new DirectoryInfo(plan.Folder);
        var (project, levels) = folder switch
        {
            { Name: "plans", Parent: { Name: ".parallel", Parent: { } p } } => (p, 3),
            { Parent: { Name: "epics", Parent: { Name: ".claude", Parent: { } p } } } => (p, 4),
            _ => (null, 0),
        };
        if (project is null)
        {
            return null;
        }

        var full = Path.Combine(project.FullName, "fanout.yaml");
        if (!File.Exists(full))
        {
            return null;
        }

        var display = plan.DisplayPath;
        for (var i = 0; i < levels; i++)
        {
            display = Path.GetDirectoryName(display) ?? string.Empty;
        }

        return new YamlSource(Path.Combine(display, "fanout.yaml"), full);
    }
}
