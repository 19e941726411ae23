using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>The YAML front matter of a ccpm or Contextune Markdown file, with positioned errors in that file.</summary>
internal static class FrontMatterReader
{
    /// <summary>The known keys of the front matter; null when there is none (or it is broken, which is reported).</summary>
    public static Fields? Fields(FrontMatter split, IReadOnlyList<string> keys, NodeReader reader) =>
        Fields(split, keys, $"front matter must be a mapping of keys such as {string.Join(", ", keys.Take(3))}", reader);

    /// <param name="notAMapping">The error when the front matter is YAML but not a mapping.</param>
    public static Fields? Fields(FrontMatter split, IReadOnlyList<string> keys, string notAMapping, NodeReader reader)
    {
        if (split.Unclosed)
        {
            reader.Errors.Add(reader.Source.Start, "front matter opened with '---' on line 1 is never closed; add a '---' line after it");
            return null;
        }

        var root = split.Yaml is null ? null : YamlText.Parse(split.Yaml, reader.Source, reader.Errors, split.YamlFirstLine);
        if (root is null or YamlScalarNode { Value: null or "" })
        {
            return null;
        }

        if (root is not YamlMappingNode mapping)
        {
            reader.Error(root, notAMapping);
            return null;
        }

        // ccpm, Contextune and their users add keys of their own (effort, assignee, ...); they are not Fanout's business.
        return reader.Fields(mapping, keys, "in front matter", ignoreUnknown: true);
    }

    /// <summary>A YAML boolean (true/false, yes/no); null when absent.</summary>
    public static bool? Boolean(YamlNode? node, string what, NodeReader reader)
    {
        var text = reader.String(node, what);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                reader.Error(node!, $"{what} must be true or false, not '{text}'");
                return null;
        }
    }
}
