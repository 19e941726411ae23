using Fanout.Core;

namespace Fanout.Workspaces;

/// <summary>What a warm did: how many it added, how many are ready, and why it stopped short if it did.</summary>
public sealed record PoolWarmResult(int Added, int Updated, int Ready, string? Limit);

public sealed partial class WorktreePool
{
    /// <summary>
    /// Fills the pool to <paramref name="settings"/>' target at <paramref name="baseCommit"/>, within its disk
    /// bound; ready worktrees of an older base are checked out to the new one. Saves the settings, so
    /// runs refill to the same target.
    /// </summary>
    /// <remarks>
    /// Every ready worktree is checked in full first (<c>git status</c>) and sealed again
    /// (<see cref="PoolSeal"/>): one someone changed is set aside, never handed out. This is where
    /// the pool reads every file, in the background, so that a claim need not. Checkouts go through
    /// the engine's <see cref="WorktreeEngine.Checkouts"/>, so a warm beside a run never crowds out
    /// its worktrees.
    /// </remarks>
    public async Task<PoolWarmResult> WarmAsync(PoolSettings settings, string baseCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(baseCommit);
        await using var warming = await RepositoryLock.AcquireAsync(WarmLockFile, cancellationToken);
        settings.Save(SettingsFile);
        await RemoveLeftoversAsync(cancellationToken);

        var pooled = Ready(await _engine.WithLockAsync(_git.ListWorktreesAsync, cancellationToken));
        var checks = await Task.WhenAll(pooled.Select(e => _engine.Checkouts.RunAsync(CheckoutGate.Check, token => RecheckAsync(e, baseCommit, token), cancellationToken)));
        var ready = checks.Count(c => c != Recheck.SetAside);
        var updated = checks.Count(c => c == Recheck.Updated);

        var wanted = Math.Min(settings.Target, PoolSettings.MaxCount) - ready;
        var limit = settings.Target > PoolSettings.MaxCount ? $"at most {PoolSettings.MaxCount} pooled worktrees" : null;
        var added = 0;
        if (wanted > 0 && ready == 0)
        {
            // The first one shows what a worktree of this repository costs on disk.
            await AddOneAsync(baseCommit, cancellationToken);
            added++;
            wanted--;
        }

        // Every pooled worktree is the same checkout: one of them tells what each weighs.
        var each = Math.Max(1, PooledWorktree.ReadyUnder(Root).Select(p => DiskUsage.Of(p.Path)).FirstOrDefault());
        var budget = (settings.MaxDiskMB * 1024 * 1024) - (each * (ready + added));
        var fits = (int)Math.Clamp(budget / each, 0, int.MaxValue);
        if (wanted > fits)
        {
            limit = $"the pool's disk bound of {settings.MaxDiskMB} MB";
            wanted = fits;
        }

        if (wanted > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, wanted).Select(_ => AddOneAsync(baseCommit, cancellationToken)));
            added += wanted;
        }

        return new PoolWarmResult(added, updated, ready + added, limit);
    }

    /// <summary>
    /// Removes every pooled worktree and sets the target to zero. git refuses to remove a changed
    /// one; those stay and are returned, unless <paramref name="force"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> DrainAsync(bool force, CancellationToken cancellationToken)
    {
        await using var warming = await RepositoryLock.AcquireAsync(WarmLockFile, cancellationToken);
        (Settings with { Target = 0 }).Save(SettingsFile);
        var kept = new List<string>();
        foreach (var entry in await PooledAsync(cancellationToken))
        {
            if (!await TryRemoveAsync(entry.Path, force, cancellationToken))
            {
                kept.Add(entry.Path);
            }
        }

        await _engine.PruneAsync(cancellationToken);
        return kept;
    }

    /// <summary>Every registered worktree under the pool folder: ready, warming or set aside as changed.</summary>
    public async Task<IReadOnlyList<WorktreeEntry>> PooledAsync(CancellationToken cancellationToken) =>
        (await _engine.WithLockAsync(_git.ListWorktreesAsync, cancellationToken))
            .Where(e => WorkspaceNames.IsConfined(Root, e.Path))
            .ToArray();

    /// <summary>Worktrees left in the warming folder by a warm that died; only called while holding the warm lock.</summary>
    private async Task RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var leftovers = (await PooledAsync(cancellationToken)).Where(e => WorkspaceNames.IsConfined(WarmingRoot, e.Path)).ToArray();
        foreach (var entry in leftovers)
        {
            // Nobody but a warm ever wrote there, and a half-done checkout is always "changed".
            await TryRemoveAsync(entry.Path, force: true, cancellationToken);
        }

        await _engine.PruneAsync(cancellationToken);
    }

    /// <summary>A ready worktree checked in full: set aside when changed, else at the base (checked out to it when older) and sealed.</summary>
    private async Task<Recheck> RecheckAsync(WorktreeEntry entry, string baseCommit, CancellationToken cancellationToken)
    {
        if ((await _git.ChangedPathsAsync(entry.Path, cancellationToken)).Count > 0)
        {
            await _engine.WithLockAsync(token => MoveAsync(entry.Path, Path.Combine(DirtyRoot, Path.GetFileName(entry.Path)), token), cancellationToken);
            return Recheck.SetAside;
        }

        var updated = entry.Head != baseCommit;
        if (updated)
        {
            await _git.DetachAsync(entry.Path, baseCommit, cancellationToken);
        }

        if (WorktreeLink.AdminDir(entry.Path) is { } admin)
        {
            PoolSeal.Write(entry.Path, admin, baseCommit);
        }

        return updated ? Recheck.Updated : Recheck.Kept;
    }

    /// <summary>
    /// Registers under the lock (git's records written whole, <see cref="WorktreeAdmin"/>), checks
    /// out outside it, seals, then moves into the pool: only finished worktrees are ever claimable.
    /// </summary>
    private async Task AddOneAsync(string baseCommit, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var warm = Path.Combine(WarmingRoot, id);
        var admin = await _engine.WithLockAsync(_ => Task.FromResult(WorktreeAdmin.Register(_paths.CommonDir, warm, baseCommit)), cancellationToken);
        await _engine.Checkouts.RunAsync(CheckoutGate.Checkout, token => new GitRetry().RunAsync(t => _git.ResetHardAsync(warm, null, t), token), cancellationToken);
        PoolSeal.Write(warm, admin, baseCommit);
        await _engine.WithLockAsync(
            _ =>
            {
                var pooled = PooledWorktree.Read(warm) ?? throw new GitException($"{warm} is not a whole pooled worktree after its checkout");
                pooled.MoveTo(Path.Combine(Root, id));
                return Task.FromResult(true);
            },
            cancellationToken);
    }

    private enum Recheck
    {
        Kept,
        Updated,
        SetAside,
    }
}
