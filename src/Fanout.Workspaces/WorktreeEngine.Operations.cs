namespace Fanout.Workspaces;

/// <remarks>
/// Whatever registers, moves or removes worktrees, or deletes branches, runs under
/// <see cref="LockFile"/>, with git's own lock contention retried; reads that need no lock do not take it.
/// </remarks>
public sealed partial class WorktreeEngine
{
    /// <summary>Forgets registrations whose folders are gone, including locked ones under the worktree root, under the lock.</summary>
    public Task PruneAsync(CancellationToken cancellationToken) =>
        WithLockAsync(async token => await RepairRegistrationsAsync(await _git.ListWorktreesAsync(token), token), cancellationToken);

    /// <summary>git's list of worktrees, the main one first.</summary>
    public Task<IReadOnlyList<WorktreeEntry>> ListAsync(CancellationToken cancellationToken) => _git.ListWorktreesAsync(cancellationToken);

    /// <summary>Unregisters the worktree and deletes its folder; the branch stays. Without force git refuses a worktree with changes.</summary>
    public Task RemoveAsync(Workspace workspace, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var path = ConfinedPath(workspace.Path);
        return WithLockAsync(
            async token =>
            {
                if (!Directory.Exists(path))
                {
                    // Nothing left to delete; only the registration remains.
                    await _git.PruneWorktreesAsync(token);
                    return;
                }

                await _git.RemoveWorktreeAsync(path, RepairedForRemoval(path) || force, token);
            },
            cancellationToken);
    }

    /// <summary>Unregisters the worktree at <paramref name="path"/> (under the worktree root) and deletes its folder; without force git refuses one with changes.</summary>
    public Task RemoveWorktreeAsync(string path, bool force, CancellationToken cancellationToken)
    {
        var confined = ConfinedPath(path);
        return WithLockAsync(token => _git.RemoveWorktreeAsync(confined, RepairedForRemoval(confined) || force, token), cancellationToken);
    }

    /// <summary>
    /// git validates a worktree's <c>.git</c> file before it removes one, so a half-made worktree
    /// (a kill while its records were written) is made whole first. It was never checked out, so
    /// nothing in it is anyone's: it goes as --force would take it. True when it was half-made.
    /// </summary>
    private bool RepairedForRemoval(string path) => WorktreeAdmin.RepairHalfMade(_paths.CommonDir, path);

    /// <summary>Deletes a local branch whatever it holds: callers judge first what it would lose.</summary>
    public Task DeleteBranchAsync(string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        return WithLockAsync(token => _git.DeleteBranchAsync(branch, token), cancellationToken);
    }

    /// <summary>Short names of the local branches under <paramref name="prefix"/> (such as <c>fanout/</c>), read under the lock so that no add or delete is half done.</summary>
    public Task<IReadOnlyList<string>> ListBranchesAsync(string prefix, CancellationToken cancellationToken) =>
        WithLockAsync(token => _git.ListBranchesAsync(prefix, token), cancellationToken);

    /// <summary>Runs <paramref name="action"/> while holding the worktree lock, retrying git lock contention.</summary>
    internal Task<T> WithLockAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _retry.RunAsync(
            async token =>
            {
                await using var held = await RepositoryLock.AcquireAsync(LockFile, token);
                return await action(token);
            },
            cancellationToken);
    }

    /// <inheritdoc cref="WithLockAsync{T}"/>
    internal Task WithLockAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _retry.RunAsync(
            async token =>
            {
                await using var held = await RepositoryLock.AcquireAsync(LockFile, token);
                await action(token);
            },
            cancellationToken);
    }
}
