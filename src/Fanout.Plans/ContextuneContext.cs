using System.Text;

using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>
/// What a Contextune plan says about the whole project (<c>overview</c>, <c>research</c>,
/// <c>success_criteria</c>, at the top or under <c>metadata</c>), as text put before every task's
/// prompt: an agent in its worktree cannot read plan.yaml, which usually lives outside git.
/// </summary>
internal static class ContextuneContext
{
    private static readonly (string Key, string Heading)[] Sections =
        [("overview", "Overview"), ("research", "Research"), ("success_criteria", "Success criteria")];

    public static string? Preamble(YamlMappingNode root)
    {
        var metadata = Child(root, "metadata") as YamlMappingNode;
        var text = new StringBuilder();
        foreach (var (key, heading) in Sections)
        {
            if ((Child(root, key) ?? (metadata is null ? null : Child(metadata, key))) is { } node && Render(node, 0).Trim() is { Length: > 0 } body)
            {
                text.Append("## ").AppendLine(heading).AppendLine().AppendLine(body).AppendLine();
            }
        }

        return text.Length == 0 ? null : text.ToString().TrimEnd() + "\n";
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    // Lists as "- item", mappings as "key: value", nested ones indented: readable as Markdown.
    private static string Render(YamlNode node, int depth)
    {
        var indent = new string(' ', depth * 2);
        return node switch
        {
            YamlScalarNode scalar => scalar.Value ?? string.Empty,
            YamlSequenceNode sequence => string.Join('\n', sequence.Children.Select(item => item is YamlScalarNode s
                ? $"{indent}- {s.Value}"
                : $"{indent}-\n{Render(item, depth + 1)}")),
            YamlMappingNode mapping => string.Join('\n', mapping.Children.Select(pair => pair.Value is YamlScalarNode s
                ? $"{indent}{Key(pair.Key)}: {s.Value}"
                : $"{indent}{Key(pair.Key)}:\n{Render(pair.Value, depth + 1)}")),
            _ => string.Empty,
        };
    }

    private static string Key(YamlNode key) => (key as YamlScalarNode)?.Value ?? string.Empty;
}
