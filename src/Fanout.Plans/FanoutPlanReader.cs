using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads Fanout's own <c>fanout.yaml</c>.</summary>
internal static class FanoutPlanReader
{
    private static readonly string[] Keys =
        ["name", "base", "tracker", "github", "agent", "agents", "setup", "test", "include", "maxParallel", "ports", "preamble", "tasks", "merge", "writeBack"];

    private static readonly string[] Trackers = ["local", "github"];

    /// <summary>Whether <paramref name="key"/> is a top-level key of <c>fanout.yaml</c>.</summary>
    public static bool Knows(string key) => Keys.Contains(key, StringComparer.Ordinal);

    /// <param name="defaultsOnly">Read only the run defaults (a Contextune plan's companion file); tasks are not required and not read.</param>
    public static PlanDraft Read(YamlMappingNode root, NodeReader reader, PlanLoadOptions options, bool defaultsOnly = false)
    {
        var fields = reader.Fields(root, Keys, "in plan");
        var source = reader.Source;
        var agents = FanoutAgentReader.ReadAll(fields["agents"], reader, options);
        var tasks = defaultsOnly ? [] : FanoutTaskReader.ReadAll(fields["tasks"], fields.KeyNode("tasks"), reader);
        var agentNode = fields["agent"];
        var plan = new Plan(
            reader.String(fields["name"], "'name'") ?? new DirectoryInfo(source.Folder).Name,
            source.DisplayPath,
            PlanFormat.Fanout,
            tasks.Select(t => t.Task).ToArray())
        {
            Base = reader.String(fields["base"], "'base'"),
            Tracker = Tracker(fields["tracker"], reader),
            GitHub = FanoutGitHubReader.Read(fields["github"], reader),
            Agent = options.AgentOverride ?? reader.String(agentNode, "'agent'") ?? "claude",
            Agents = agents,
            Setup = reader.Command(fields["setup"], "'setup'"),
            Test = reader.Command(fields["test"], "'test'"),
            Include = Include(fields["include"], reader),
            MaxParallel = MaxParallel(fields["maxParallel"], reader),
            Preamble = reader.String(fields["preamble"], "'preamble'"),
            MergeTest = MergeSettingsReader.Read(fields["merge"], reader),
            PortBlockSize = PortsReader.BlockSize(fields["ports"], reader),
            WriteBack = WriteBack(fields["writeBack"], reader),
        };

        var agentPosition = options.AgentOverride is null && agentNode is not null ? source.At(agentNode) : source.Start;
        return new PlanDraft(plan, tasks, agentPosition);
    }

    private static string Tracker(YamlNode? node, NodeReader reader)
    {
        var tracker = reader.String(node, "'tracker'");
        if (tracker is null || Trackers.Contains(tracker, StringComparer.Ordinal))
        {
            return tracker ?? "local";
        }

        reader.Error(node!, $"unknown tracker '{tracker}'; use local or github");
        return "local";
    }

    private static bool WriteBack(YamlNode? node, NodeReader reader)
    {
        var text = reader.String(node, "'writeBack'");
        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        reader.Error(node!, $"writeBack must be true or false, not '{text}'");
        return true;
    }

    /// <summary>Globs of files copied into every worktree, from the repository's top; none may lead out of it.</summary>
    private static string[] Include(YamlNode? node, NodeReader reader)
    {
        var globs = reader.Strings(node, "'include'");
        return globs.Where(g => reader.Paths.Pattern(g.Value, g.Position, "include pattern", reader.Errors)).Select(g => g.Value).ToArray();
    }

    private static int? MaxParallel(YamlNode? node, NodeReader reader) =>
        (int?)reader.Whole(node, new WholeNumberRule("maxParallel", 1, InputNumbers.MaxParallel));
}
