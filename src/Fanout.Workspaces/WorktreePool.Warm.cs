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
    public async Task<PoolWarmResult> WarmAsync(PoolSettings settings, string baseCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(baseCommit);
        await using var warming = await RepositoryLock.AcquireAsync(WarmLockFile, cancellationToken);
        settings.Save(SettingsFile);
        await RemoveLeftoversAsync(cancellationToken);

        var ready = Ready(await _engine.WithLockAsync(_git.ListWorktreesAsync, cancellationToken));
        var stale = ready.Where(e => e.Head != baseCommit).ToArray();
        await Task.WhenAll(stale.Select(e => _git.DetachAsync(e.Path, baseCommit, cancellationToken)));

        var wanted = Math.Min(settings.Target, PoolSettings.MaxCount) - ready.Count;
        var limit = settings.Target > PoolSettings.MaxCount ? $"at most {PoolSettings.MaxCount} pooled worktrees" : null;
        var added = 0;
        if (wanted > 0 && ready.Count == 0)
        {
            // The first one shows what a worktree of this repository costs on disk.
            await AddOneAsync(baseCommit, cancellationToken);
            added++;
            wanted--;
        }

        var budget = (settings.MaxDiskMB * 1024 * 1024) - DiskUsage.Of(Root);
        var each = Math.Max(1, DiskUsage.Of(Root) / Math.Max(1, ready.Count + added));
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

        return new PoolWarmResult(added, stale.Length, ready.Count + added, limit);
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

    /// <summary>Registers under the lock, checks out outside it, then moves into the pool: only finished worktrees are ever claimable.</summary>
    private async Task AddOneAsync(string baseCommit, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var warm = Path.Combine(WarmingRoot, id);
        await _engine.WithLockAsync(
            token =>
            {
                Directory.CreateDirectory(WarmingRoot);
                return _git.AddDetachedWorktreeAsync(warm, baseCommit, token);
            },
            cancellationToken);
        await new GitRetry().RunAsync(token => _git.ResetHardAsync(warm, null, token), cancellationToken);
        await _engine.WithLockAsync(token => MoveAsync(warm, Path.Combine(Root, id), token), cancellationToken);
    }
}
