namespace Fanout.Workspaces;

/// <summary>
/// Compares paths the way the file system sees them: git records worktrees by their real path,
/// which differs from the one we were given where a parent is a symlink (/tmp on macOS).
/// </summary>
internal static class PathIdentity
{
    private const int MaxLinkDepth = 40;

    public static bool Same(string left, string right) =>
        string.Equals(Normal(left), Normal(right), Comparison)
        || string.Equals(Resolve(left, 0), Resolve(right, 0), Comparison);

    private static StringComparison Comparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private static string Normal(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>The path with every symlink along it replaced by its target; missing tails stay as they are.</summary>
    private static string Resolve(string path, int depth)
    {
        var full = Normal(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (depth < MaxLinkDepth && LinkTarget(current) is { } target)
            {
                current = Resolve(target, depth + 1);
            }
        }

        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A link loop or an unreadable folder: compare the path as given.
            return null;
        }
    }
}
