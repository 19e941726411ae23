using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>
/// Ready-made worktrees on a detached HEAD under <c>&lt;worktree root&gt;/.pool</c>. git's own
/// worktree records are the pool's record: a claim moves one out (as <c>git worktree move</c>
/// does) under the worktree lock, so two claimers, in one process or two, can never get the same one.
/// </summary>
public sealed partial class WorktreePool
{
    private readonly RepositoryPaths _paths;
    private readonly WorktreeEngine _engine;
    private readonly IGit _git;

    public WorktreePool(RepositoryPaths paths, WorktreeEngine engine, IProcessRunner runner)
        : this(paths, engine, Git.Of(paths, runner))
    {
    }

    internal WorktreePool(RepositoryPaths paths, WorktreeEngine engine, IGit git)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(git);
        _paths = paths;
        _engine = engine;
        _git = git;
    }

    public string Root => Path.Combine(_paths.WorktreeRoot, ".pool");

    /// <summary>Worktrees still being checked out; never handed out.</summary>
    public string WarmingRoot => Path.Combine(Root, ".warming");

    /// <summary>Pooled worktrees someone changed: kept for a look, never handed out.</summary>
    public string DirtyRoot => Path.Combine(Root, ".dirty");

    public string SettingsFile => Path.Combine(_paths.StateDir, "pool.json");

    /// <summary>Held by whoever is warming, so two warms do not overfill and gc can tell leftovers from work in progress.</summary>
    public string WarmLockFile => Path.Combine(_paths.LockDir, "pool-warm.lock");

    public PoolSettings Settings => PoolSettings.Load(SettingsFile);

    /// <summary>
    /// Takes a ready worktree for the request: moved to the request's path, switched to a new
    /// branch at the base commit (a pooled worktree of an older base is checked out to the new one
    /// here, so it is never handed out stale). Null when the pool is empty or the request's branch
    /// or folder already exists (a rerun, which the engine repairs).
    /// </summary>
    /// <remarks>
    /// Under the lock a claim only renames a folder and rewrites one file: with a git process or
    /// three per claim there, fifty claims queued for over a second. The git work (is it clean,
    /// the new branch) runs after, in parallel, in the claimed worktree alone.
    /// </remarks>
    public async Task<Workspace?> TryClaimAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Directory.Exists(Root) || !WorkspaceNames.IsConfined(_paths.WorktreeRoot, request.Path))
        {
            return null;
        }

        var path = Path.GetFullPath(request.Path);
        var claimed = await _engine.WithLockAsync(_ => Task.FromResult(MoveOut(request, path)), cancellationToken);
        if (claimed is null)
        {
            return null;
        }

        if ((await _git.ChangedPathsAsync(path, cancellationToken)).Count > 0)
        {
            await _engine.WithLockAsync(token => MoveAsync(path, Path.Combine(DirtyRoot, Path.GetFileName(claimed.Path)), token), cancellationToken);
            return null;
        }

        try
        {
            await _git.CheckoutNewBranchAsync(path, request.Branch, request.BaseCommit, cancellationToken);
            return new Workspace(path, request.Branch, request.BaseCommit) { Pooled = true };
        }
        catch (GitException)
        {
            // Back into the pool untouched, so the engine can give the rerun its existing branch.
            await _engine.WithLockAsync(_ => Task.FromResult(PutBack(claimed, path)), cancellationToken);
            if (await _git.BranchExistsAsync(request.Branch, cancellationToken))
            {
                return null;
            }

            throw;
        }
    }

    /// <summary>Under the lock: picks a ready worktree, preferring one already at the base, and moves it into place.</summary>
    private PooledWorktree? MoveOut(WorkspaceRequest request, string path)
    {
        if (Directory.Exists(path))
        {
            return null;
        }

        var ready = PooledWorktree.ReadyUnder(Root).ToList();
        var pick = ready.FirstOrDefault(e => e.Head == request.BaseCommit) ?? ready.FirstOrDefault();
        pick?.MoveTo(path);
        return pick;
    }

    private static bool PutBack(PooledWorktree claimed, string path)
    {
        (claimed with { Path = path }).MoveTo(claimed.Path);
        return true;
    }

    /// <summary>Only called under the worktree lock.</summary>
    private Task MoveAsync(string from, string to, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        return _git.MoveWorktreeAsync(from, to, cancellationToken);
    }

    /// <summary>Removes a pooled worktree under the lock; false when git refuses (a changed one without force).</summary>
    private Task<bool> TryRemoveAsync(string path, bool force, CancellationToken cancellationToken) =>
        _engine.WithLockAsync(
            async token =>
            {
                try
                {
                    await _git.RemoveWorktreeAsync(path, force, token);
                    return true;
                }
                catch (GitException)
                {
                    return false;
                }
            },
            cancellationToken);

    /// <summary>Pooled worktrees ready to hand out: directly under the pool folder, detached, present, not locked.</summary>
    private List<WorktreeEntry> Ready(IReadOnlyList<WorktreeEntry> worktrees) =>
        worktrees.Where(e => e.Detached && !e.Locked && !e.Prunable && IsDirectlyUnder(Root, e.Path) && Directory.Exists(e.Path)).ToList();

    private static bool IsDirectlyUnder(string folder, string path) =>
        PathIdentity.Same(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path)) ?? string.Empty, folder);
}
