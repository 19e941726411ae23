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
    private readonly LockedBatch<WorkspaceRequest, Claim?> _claims;

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
        _claims = new(engine.LockFile, ClaimBatchAsync);
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
    /// Takes a ready worktree for the request: moved to the request's path, on a new branch at the
    /// base commit (a pooled worktree of an older base is checked out to the new one here, so it is
    /// never handed out stale). Null when the pool is empty, the request wants a sparse checkout
    /// (pooled worktrees are full), or the request's branch or folder already exists (a rerun,
    /// which the engine repairs).
    /// </summary>
    /// <remarks>
    /// A claim reads no file of the worktree and runs no git process of its own: every claim waiting
    /// is answered in one turn of the lock, which moves each worktree into place, checks its
    /// <see cref="PoolSeal"/>, creates all their branches in one ref transaction and points each HEAD
    /// at its branch. The worktree is at the base already, so nothing in it changes. Only a pooled
    /// worktree whose seal is broken or whose base is older is checked (<c>git status</c>) and
    /// switched (<c>git checkout -b</c>) the slow way, in it alone, after the lock.
    /// </remarks>
    public async Task<Workspace?> TryClaimAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Sparse is not null || !Directory.Exists(Root) || !WorkspaceNames.IsConfined(_paths.WorktreeRoot, request.Path))
        {
            return null;
        }

        var claim = await _claims.RunAsync(request with { Path = Path.GetFullPath(request.Path) }, cancellationToken);
        return claim switch
        {
            null => null,
            { Ready: true } => new Workspace(claim.Path, request.Branch, request.BaseCommit) { Pooled = true },
            _ => await FinishSlowlyAsync(claim, request, cancellationToken),
        };
    }

    /// <summary>Under the lock, for every claim waiting: picks and moves the worktrees, then branches and HEADs for those whose seal holds.</summary>
    private async Task ClaimBatchAsync(IReadOnlyList<BatchItem<WorkspaceRequest, Claim?>> batch)
    {
        var ready = Directory.Exists(Root) ? PooledWorktree.ReadyUnder(Root).ToList() : [];
        var sealedClaims = new List<(BatchItem<WorkspaceRequest, Claim?> Item, Claim Claim)>();
        foreach (var item in batch)
        {
            var request = item.Request;
            var pick = Directory.Exists(request.Path) ? null : ready.FirstOrDefault(e => e.Head == request.BaseCommit) ?? ready.FirstOrDefault();
            if (pick is null)
            {
                item.Succeed(null);
                continue;
            }

            ready.Remove(pick);
            var intact = pick.Head == request.BaseCommit && PoolSeal.Intact(pick.Path, pick.AdminDir, pick.Head);
            pick.MoveTo(request.Path);
            var claim = new Claim(pick, request.Path, Ready: false);
            if (intact)
            {
                sealedClaims.Add((item, claim));
            }
            else
            {
                item.Succeed(claim);
            }
        }

        await SwitchToBranchesAsync(sealedClaims);
    }

    /// <summary>One ref transaction for every sealed claim's branch, then each HEAD file; a branch that exists already (a rerun) puts its worktree back.</summary>
    private async Task SwitchToBranchesAsync(List<(BatchItem<WorkspaceRequest, Claim?> Item, Claim Claim)> claims)
    {
        if (claims.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> existing;
        try
        {
            existing = await _git.CreateBranchesAsync([.. claims.Select(c => new BranchStart(c.Item.Request.Branch, c.Item.Request.BaseCommit))], CancellationToken.None);
        }
        catch (GitException)
        {
            // A ref was locked: each finishes the slow way, which retries.
            foreach (var (item, claim) in claims)
            {
                item.Succeed(claim);
            }

            return;
        }

        foreach (var (item, claim) in claims)
        {
            if (existing.Contains(item.Request.Branch, StringComparer.Ordinal))
            {
                // Back into the pool untouched, so the engine can give the rerun its existing branch.
                PutBack(claim.From, claim.Path);
                item.Succeed(null);
                continue;
            }

            // The task's now: its seal must never vouch for it again.
            PoolSeal.Break(claim.From.AdminDir);
            WorktreeAdmin.WriteHead(claim.From.AdminDir, "ref: refs/heads/" + item.Request.Branch);
            item.Succeed(claim with { Ready = true });
        }
    }

    /// <summary>A claim whose seal did not hold or whose base is older: checked and switched with git, in the claimed worktree alone.</summary>
    private async Task<Workspace?> FinishSlowlyAsync(Claim claim, WorkspaceRequest request, CancellationToken cancellationToken)
    {
        PoolSeal.Break(claim.From.AdminDir);
        if ((await _git.ChangedPathsAsync(claim.Path, cancellationToken)).Count > 0)
        {
            await _engine.WithLockAsync(token => MoveAsync(claim.Path, Path.Combine(DirtyRoot, Path.GetFileName(claim.From.Path)), token), cancellationToken);
            return null;
        }

        try
        {
            await new GitRetry().RunAsync(token => _git.CheckoutNewBranchAsync(claim.Path, request.Branch, request.BaseCommit, token), cancellationToken);
            return new Workspace(claim.Path, request.Branch, request.BaseCommit) { Pooled = true };
        }
        catch (GitException)
        {
            // Back into the pool untouched, so the engine can give the rerun its existing branch.
            await _engine.WithLockAsync(_ => Task.FromResult(PutBack(claim.From, claim.Path)), cancellationToken);
            if (await _git.BranchExistsAsync(request.Branch, cancellationToken))
            {
                return null;
            }

            throw;
        }
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

    /// <summary>A pooled worktree moved to a request's path; <see cref="Ready"/> when it is on the request's branch already.</summary>
    private sealed record Claim(PooledWorktree From, string Path, bool Ready);
}
