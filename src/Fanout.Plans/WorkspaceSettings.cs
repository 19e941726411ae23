namespace Fanout.Plans;

/// <summary>What a plan's <c>pool:</c> asks of the warm pool.</summary>
public enum PoolMode
{
    /// <summary>Claim from the pool when it has worktrees ready, as a run always does unless told otherwise.</summary>
    Default,

    /// <summary><c>pool: auto</c>: keep the pool at the size of the last run, within a disk budget, refilled in the background after each run.</summary>
    Auto,

    /// <summary><c>pool: off</c>: every worktree is added fresh; nothing is claimed or refilled.</summary>
    Off,
}

/// <summary>
/// A plan's <c>sparse:</c>: worktrees as cone-mode sparse checkouts. <see cref="Folders"/> go into
/// every task's worktree, with the folders of the task's own <c>files:</c> hints; <c>sparse: files</c>
/// has no folders of its own, and a task without hints then gets everything.
/// </summary>
public sealed record SparsePlan(IReadOnlyList<string> Folders)
{
    /// <summary>The folders of a task's worktree; null for a full checkout.</summary>
    public IReadOnlyList<string>? For(PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var ofFiles = task.Files
            .Select(f => f.Replace('\\', '/').Trim().TrimEnd('/'))
            .Where(f => f.Contains('/', StringComparison.Ordinal))
            .Select(f => f[..f.LastIndexOf('/')]);

        // Under 'sparse: files' a task that names no file gets everything; one that names only files at the top, the top alone.
        return Folders.Count == 0 && task.Files.Count == 0 ? null : [.. Folders.Concat(ofFiles).Distinct(StringComparer.Ordinal)];
    }
}
