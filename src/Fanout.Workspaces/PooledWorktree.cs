namespace Fanout.Workspaces;

/// <summary>
/// A ready pooled worktree as the disk shows it: its folder, its administrative folder under the
/// git dir (<c>worktrees/&lt;id&gt;</c>), and the commit its detached HEAD is at.
/// </summary>
internal sealed record PooledWorktree(string Path, string AdminDir, string Head)
{
    /// <summary>
    /// Ready folders directly under <paramref name="root"/>, read from the files git keeps
    /// (gitrepository-layout: the worktree's <c>.git</c> file, the admin dir's <c>gitdir</c>,
    /// <c>HEAD</c> and <c>locked</c>) instead of a <c>git worktree list</c> per claim.
    /// </summary>
    public static IEnumerable<PooledWorktree> ReadyUnder(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (System.IO.Path.GetFileName(folder).StartsWith('.') || Read(folder) is not { } pooled)
            {
                continue;
            }

            yield return pooled;
        }
    }

    /// <summary>
    /// Moves the worktree, as <c>git worktree move</c> does: rename the folder, then point the admin
    /// dir's <c>gitdir</c> at the new place. Only called under the worktree lock.
    /// </summary>
    public void MoveTo(string target)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        Directory.Move(Path, target);
        var gitdir = System.IO.Path.Combine(AdminDir, "gitdir");
        var temporary = gitdir + "." + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temporary, System.IO.Path.Combine(target, ".git") + "\n");
        File.Move(temporary, gitdir, overwrite: true);
    }

    /// <summary>The pooled worktree in <paramref name="folder"/>; null when its records are not whole, it is locked, or it is on a branch.</summary>
    public static PooledWorktree? Read(string folder)
    {
        var admin = WorktreeLink.AdminDir(folder);
        if (admin is null || !Directory.Exists(admin) || File.Exists(System.IO.Path.Combine(admin, "locked")))
        {
            return null;
        }

        // The registration must point back here: a half-finished move is not handed out.
        var gitdir = System.IO.Path.Combine(admin, "gitdir");
        var head = System.IO.Path.Combine(admin, "HEAD");
        if (!File.Exists(gitdir) || !File.Exists(head) || !PathIdentity.Same(File.ReadAllText(gitdir).Trim(), System.IO.Path.Combine(folder, ".git")))
        {
            return null;
        }

        // Pooled worktrees are detached; a symbolic HEAD means someone switched it to a branch.
        var commit = File.ReadAllText(head).Trim();
        return commit.StartsWith("ref:", StringComparison.Ordinal) ? null : new PooledWorktree(folder, admin, commit);
    }
}
