using System.Text;

using Fanout.Plans;

using YamlDotNet.RepresentationModel;

namespace Fanout.Planning;

/// <summary>
/// How a planned plan runs: the run defaults of the project's own <c>fanout.yaml</c> when it has one
/// (its text kept as written, comments and all, without its name and tasks), else defaults Fanout
/// writes for the project: the <c>claude</c> preset, the local tracker, and setup and test from the
/// project's files.
/// </summary>
public sealed record PlanningDefaults(string Text, Plan Plan, string? SourceFile)
{
    public static PlanningDefaults Read(string root, string baseBranch, PlanLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var file = Path.Combine(root, "fanout.yaml");
        var text = File.Exists(file) ? WithoutTasks(File.ReadAllText(file)) : Generated(root, baseBranch);
        var plan = PlanLoader.LoadDefaultsText(text, file, options);
        return new PlanningDefaults(text, plan, File.Exists(file) ? file : null);
    }

    /// <summary>Every top-level entry but <c>name</c> and <c>tasks</c>, each with the lines it spans; a file that does not parse is left to the loader to report.</summary>
    private static string WithoutTasks(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return text;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return text;
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var keys = root.Children.Keys.Select(k => (Name: (k as YamlScalarNode)?.Value, Line: (int)k.Start.Line - 1)).OrderBy(k => k.Line).ToArray();
        var kept = new StringBuilder();
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].Name is "tasks" or "name")
            {
                continue;
            }

            var end = i + 1 < keys.Length ? keys[i + 1].Line : lines.Length;
            foreach (var line in lines[keys[i].Line..end])
            {
                kept.Append(line).Append('\n');
            }
        }

        return kept.ToString().TrimEnd() + "\n";
    }

    private static string Generated(string root, string baseBranch)
    {
        var (setup, test) = ProjectCommands.Detect(root);
        var text = new StringBuilder();
        text.Append("# Branch or commit every task's branch starts from.\n");
        text.Append("base: ").Append(YamlScalars.Quoted(baseBranch)).Append('\n');
        text.Append("# Where task issues live: local (under .git/fanout) or github.\n");
        text.Append("tracker: local\n");
        text.Append("# The agent for every task: Claude Code, the prompt on its standard input.\n");
        text.Append("agent: claude\n");
        text.Append("# Runs in each new worktree before its agent starts; a string runs with sh -c.\n");
        text.Append(setup is null ? "# setup: npm ci\n" : $"setup: {YamlScalars.Quoted(setup)}\n");
        text.Append("# Runs in the worktree after the agent; the task fails if it fails.\n");
        text.Append(test is null ? "# test: npm test\n" : $"test: {YamlScalars.Quoted(test)}\n");
        return text.ToString();
    }
}
