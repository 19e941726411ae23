namespace Fanout.Workspaces;

/// <summary>The folders of a cone-mode sparse checkout, as git's cone mode takes them: relative, with <c>/</c>, no duplicates.</summary>
public static class SparseFolders
{
    /// <summary>
    /// Null stays null (a full checkout). Otherwise each folder is made relative to the worktree's
    /// top with <c>/</c> between names; folders inside another listed one are dropped (the outer one
    /// has them). An empty list is a sparse checkout of the files at the top alone.
    /// </summary>
    /// <exception cref="ArgumentException">A folder leaves the worktree (<c>..</c>) or names <c>.git</c>.</exception>
    public static IReadOnlyList<string>? Normalise(IReadOnlyList<string>? folders)
    {
        if (folders is null)
        {
            return null;
        }

        var cleaned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var parts = folder.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p != ".").ToArray();
            if (parts.Any(p => p == ".." || p.Equals(".git", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"sparse folder '{folder}' leaves the worktree or names .git", nameof(folders));
            }

            if (parts.Length > 0)
            {
                cleaned.Add(string.Join('/', parts));
            }
        }

        return [.. cleaned.Where(f => !cleaned.Any(other => f.StartsWith(other + "/", StringComparison.Ordinal)))];
    }

    /// <summary>The folder of each file hint (<c>src/api/client.ts</c> → <c>src/api</c>); a file at the top adds none.</summary>
    public static IReadOnlyList<string> OfFiles(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return [.. files
            .Select(f => f.Replace('\\', '/').Trim().TrimEnd('/'))
            .Select(f => f.Contains('/', StringComparison.Ordinal) ? f[..f.LastIndexOf('/')] : string.Empty)
            .Where(f => f.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }
}
