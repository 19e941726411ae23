namespace Fanout.Workspaces;

/// <summary>
/// git's lock files left by a git that was killed (a Ctrl+C during a checkout or a commit): git
/// refuses every later command in that worktree until they go. A lock no live process has open
/// is stale; on Linux, /proc tells which files are open. Elsewhere nothing is removed. Beside the
/// worktree's own index and HEAD locks, a commit killed while it moved the branch leaves the branch's
/// ref lock in the repository's common folder (refs/heads/fanout/RUN/TASK.lock): only the lock of the
/// task's own branch is looked at, never another task's.
/// </summary>
internal static class StaleGitLocks
{
    private static readonly string[] Names = ["index.lock", "HEAD.lock"];

    /// <summary>Removes the stale locks in the admin folder of <paramref name="worktree"/> and of its <paramref name="branch"/> under <paramref name="commonDir"/>; returns how many.</summary>
    public static int Clear(string worktree, string commonDir, string branch)
    {
        if (WorktreeLink.AdminDir(worktree) is not { } admin || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        var locks = Names.Select(name => Path.Combine(admin, name)).Append(Path.Combine(commonDir, "refs", "heads", branch + ".lock")).Where(File.Exists).ToArray();
        if (locks.Length == 0)
        {
            return 0;
        }

        var open = OpenFiles();
        var removed = 0;
        foreach (var file in locks.Where(l => !open.Contains(Path.GetFullPath(l))))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    /// <summary>Every file any process of this user has open, as /proc lists it.</summary>
    private static HashSet<string> OpenFiles()
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target)
                    {
                        open.Add(target);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended, or one of another user's: neither is a git of ours.
            }
        }

        return open;
    }
}
