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
        WriteLink(path, admin);
        File.Delete(Path.Combine(admin, "locked"));
        return admin;
    }

    /// <summary>
    /// The admin folder of a worktree that a kill left half-made: registered for <paramref name="path"/>,
    /// never checked out (no index), while the folder's own <c>.git</c> does not lead there (missing,
    /// empty or unreadable). Nothing but Fanout ever wrote in such a folder. Null for anything else.
    /// </summary>
    public static string? HalfMade(string commonDir, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonDir);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var worktrees = Path.Combine(commonDir, "worktrees");
        if (!Directory.Exists(path) || !Directory.Exists(worktrees) || Linked(path))
        {
            return null;
        }

        var dotGit = Path.Combine(Path.GetFullPath(path), ".git");
        return Directory.EnumerateDirectories(worktrees)
            .FirstOrDefault(admin => !File.Exists(Path.Combine(admin, "index")) && GitDir(admin) is { } named && PathIdentity.Same(named, dotGit));
    }

    /// <summary>
    /// Makes a half-made worktree (<see cref="HalfMade"/>) whole again: its <c>.git</c> file written
    /// anew, the temporary files of an interrupted write and the registration's own lock removed, so
    /// git can check it out or remove it. True when there was one to repair.
    /// </summary>
    public static bool RepairHalfMade(string commonDir, string path)
    {
        if (HalfMade(commonDir, path) is not { } admin)
        {
            return false;
        }

        foreach (var leftover in Directory.EnumerateFiles(path, ".git.*.tmp"))
        {
            File.Delete(leftover);
        }

        WriteLink(path, admin);
        File.Delete(Path.Combine(admin, "locked"));
        return true;
    }

    /// <summary>Points the worktree's HEAD at <paramref name="head"/>, replacing the file whole, as a ref update does.</summary>
    public static void WriteHead(string adminDir, string head)
    {
        var file = Path.Combine(adminDir, "HEAD");
        var temporary = file + "." + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temporary, head + "\n");
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>The worktree's <c>.git</c> file, written aside and renamed into place: a kill leaves the old state or the new, never an empty file.</summary>
    private static void WriteLink(string path, string admin)
    {
        var file = Path.Combine(path, ".git");
        var temporary = Path.Combine(path, ".git." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        File.WriteAllText(temporary, "gitdir: " + admin + "\n");
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Whether the folder's <c>.git</c> leads to an admin folder that exists; an unreadable one does not.</summary>
    private static bool Linked(string path)
    {
        try
        {
            return WorktreeLink.AdminDir(path) is { } admin && Directory.Exists(admin);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The <c>.git</c> path an admin folder's <c>gitdir</c> names, or null when it names none.</summary>
    private static string? GitDir(string admin)
    {
        try
        {
            var file = Path.Combine(admin, "gitdir");
            return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } named ? named : null;
        }
        catch (IOException)
        {
            return null;
        }
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
