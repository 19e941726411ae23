using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads the plan's <c>pool:</c> (auto or off) and <c>sparse:</c> (a list of folders, or <c>files</c>).</summary>
internal static class WorkspaceSettingsReader
{
    public const string FromFiles = "files";

    public static PoolMode Pool(YamlNode? node, NodeReader reader)
    {
        var text = reader.String(node, "'pool'");
        switch (text)
        {
            case null:
                return PoolMode.Default;
            case "auto":
                return PoolMode.Auto;
            case "off":
                return PoolMode.Off;
            default:
                reader.Error(node!, $"pool must be auto (keep a warm pool the size of the last run) or off (always add worktrees fresh), not '{text}'");
                return PoolMode.Default;
        }
    }

    public static SparsePlan? Sparse(YamlNode? node, NodeReader reader)
    {
        if (NodeReader.IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            if (scalar.Value == FromFiles)
            {
                return new SparsePlan([]);
            }

            reader.Error(node, $"sparse must be a list of folders (sparse: [src/api, docs]) or '{FromFiles}' (each task's own files: hints), not '{scalar.Value}'");
            return null;
        }

        var folders = new List<string>();
        foreach (var (value, position) in reader.Strings(node, "'sparse'"))
        {
            var parts = value.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (value.StartsWith('/') || parts.Any(p => p is ".." || p.Equals(".git", StringComparison.OrdinalIgnoreCase)))
            {
                reader.Errors.Add(position, $"sparse folder '{value}' must be a folder inside the repository, relative to its top (such as src/api)");
            }
            else if (parts.Length == 0 || parts.All(p => p == "."))
            {
                reader.Errors.Add(position, $"sparse folder '{value}' names the whole repository; leave 'sparse:' out for a full checkout");
            }
            else
            {
                folders.Add(string.Join('/', parts.Where(p => p != ".")));
            }
        }

        return new SparsePlan(folders);
    }
}
