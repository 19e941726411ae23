namespace Fanout.Core;

/// <summary>
/// Where a path really leads, as the file system follows it: every symbolic link on the way
/// resolved, <c>..</c> taken after the link it follows (as the kernel does), so a folder can be
/// told whether a path stays inside it. A path a plan or a repository names is data other
/// people wrote; this is how Fanout refuses to read or copy anything from outside.
/// </summary>
public static class RealPaths
{
    /// <summary>How many links one path may pass through, as Linux allows; more means a loop.</summary>
    public const int MaxLinks = 40;

    private static readonly StringComparison Comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>
    /// The absolute real path of <paramref name="path"/> (relative paths start at <paramref name="baseFolder"/>);
    /// parts that do not exist yet are kept as written. Null when the links loop.
    /// </summary>
    public static string? Resolve(string path, string? baseFolder = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var start = Path.IsPathRooted(path) ? path : Path.Combine(baseFolder ?? Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(Path.GetFullPath(start)) ?? "/";
        var pending = new Stack<string>();
        Push(pending, start[(Path.GetPathRoot(start)?.Length ?? 0)..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Join(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The link's target replaces it; a relative target starts from the link's folder.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            Push(pending, target);
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it; both should be real paths.</summary>
    public static bool IsWithin(string folder, string path)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(trimmed, Path.TrimEndingDirectorySeparator(path), Comparison)
            || path.StartsWith(trimmed + Path.DirectorySeparatorChar, Comparison)
            || (trimmed.Length > 0 && trimmed[^1] == Path.DirectorySeparatorChar && path.StartsWith(trimmed, Comparison));
    }

    /// <summary>
    /// Whether <paramref name="path"/> (relative to <paramref name="baseFolder"/>, or absolute) really lies
    /// inside <paramref name="root"/>, links followed; a loop of links counts as outside.
    /// </summary>
    public static bool IsConfined(string root, string path, string? baseFolder = null)
    {
        var realRoot = Resolve(root);
        return realRoot is not null && Leads(path, baseFolder ?? root).All(real => real is not null && IsWithin(realRoot, real));
    }

    /// <summary>
    /// Where <paramref name="path"/> may lead: as a shell follows it (each <c>..</c> after the link before it)
    /// and as .NET opens it (<c>..</c> taken from the text first, then the links). A path is inside only when both are.
    /// </summary>
    public static IEnumerable<string?> Leads(string path, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(path);
        yield return Resolve(path, baseFolder);
        yield return Resolve(Path.GetFullPath(path, Path.GetFullPath(baseFolder)));
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: treated as a plain entry; reading it later fails on its own.
            return null;
        }
    }
}
