namespace Fanout.Workspaces;

/// <summary>
/// The link from a linked worktree to its administrative folder under the git dir: the
/// worktree's <c>.git</c> file holds <c>gitdir: &lt;path&gt;</c> (gitrepository-layout).
/// </summary>
internal static class WorktreeLink
{
    /// <summary>The admin folder <paramref name="worktree"/> names, resolved; null when it has no <c>.git</c> file or no such line.</summary>
    public static string? AdminDir(string worktree)
    {
        var dotGit = Path.Combine(worktree, ".git");
        if (!File.Exists(dotGit))
        {
            return null;
        }

        const string Prefix = "gitdir:";
        var line = File.ReadLines(dotGit).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return line is null ? null : Path.GetFullPath(line[Prefix.Length..].Trim(), worktree);
    }
}
