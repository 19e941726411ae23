namespace Fanout.Workspaces;

/// <summary>
/// git's own record of a linked worktree, written as <c>git worktree add --no-checkout</c> writes
/// it (gitrepository-layout): the admin folder <c>worktrees/&lt;id&gt;</c> under the common dir with
/// <c>gitdir</c>, <c>commondir</c> and <c>HEAD</c>, and the worktree's <c>.git</c> file pointing back.
/// Three small files instead of three git processes per worktree: under the worktree lock, where
/// every task waits its turn, that is what lets the last registration finish before the first
/// checkout does.
/// </summary>
internal static class WorktreeAdmin
{
    /// <summary>
    /// Registers the folder <paramref name="path"/> (absent or empty) with its HEAD at <paramref name="head"/>
    /// (<c>ref: refs/heads/…</c> or a commit id), not checked out. The admin folder is written aside
    /// and renamed into place whole, with git's own <c>locked</c> marker until the worktree's
    /// <c>.git</c> file exists, so no git process (ours or anyone's) reads it half-written or
    /// prunes it in between. Returns the admin folder.
    /// </summary>
    public static string Register(string commonDir, string path, string head)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonDir);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(head);
        var staging = Path.Combine(commonDir, "fanout", "staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "locked"), "initializing\n");
        File.WriteAllText(Path.Combine(staging, "gitdir"), Path.Combine(path, ".git") + "\n");
        File.WriteAllText(Path.Combine(staging, "commondir"), "../..\n");
        File.WriteAllText(Path.Combine(staging, "HEAD"), head + "\n");

        var admin = Publish(staging, Path.Combine(commonDir, "worktrees"), Name(path));
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, ".git"), "gitdir: " + admin + "\n");
        File.Delete(Path.Combine(admin, "locked"));
        return admin;
    }

    /// <summary>Points the worktree's HEAD at <paramref name="head"/>, replacing the file whole, as a ref update does.</summary>
    public static void WriteHead(string adminDir, string head)
    {
        var file = Path.Combine(adminDir, "HEAD");
        var temporary = file + "." + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temporary, head + "\n");
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>
    /// The admin folder's name: the worktree's folder and its parent (<c>&lt;run&gt;-&lt;task&gt;</c>), where
    /// git takes the folder alone and numbers the names that repeat (<c>t1</c>, <c>t11</c>, <c>t12</c>, … for every run's task t1).
    /// </summary>
    private static string Name(string path)
    {
        var folder = Path.TrimEndingDirectorySeparator(path);
        var parent = Path.GetFileName(Path.GetDirectoryName(folder));
        return WorkspaceNames.SanitizeComponent(string.IsNullOrEmpty(parent) ? Path.GetFileName(folder) : $"{parent}-{Path.GetFileName(folder)}");
    }

    /// <summary>Renames the staged folder to the first free <c>&lt;name&gt;</c>, <c>&lt;name&gt;1</c>, … as git numbers its own.</summary>
    private static string Publish(string staging, string worktrees, string name)
    {
        Directory.CreateDirectory(worktrees);
        for (var counter = 0; ; counter++)
        {
            var target = Path.Combine(worktrees, counter == 0 ? name : name + counter);
            if (Directory.Exists(target))
            {
                continue;
            }

            try
            {
                Directory.Move(staging, target);
                return target;
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Taken between the look and the rename (another git's add): the next number.
            }
        }
    }
}
