namespace Fanout.Workspaces;

/// <remarks>
/// Adds never check out (<c>--no-checkout</c>): registering is the step concurrent adds race on,
/// so callers serialise it and fill the worktree afterwards with <see cref="ResetHardAsync"/>.
/// </remarks>
public sealed partial class Git
{
    public async Task<IReadOnlyList<WorktreeEntry>> ListWorktreesAsync(CancellationToken cancellationToken) =>
        WorktreeList.Parse(await ReadAsync(null, cancellationToken, "worktree", "list", "--porcelain", "-z"));

    public async Task<string?> WorktreeOfBranchAsync(string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var worktrees = await ListWorktreesAsync(cancellationToken);
        return worktrees.FirstOrDefault(w => w.Branch == branch && !w.Prunable)?.Path;
    }

    public Task AddWorktreeAsync(string path, string branch, string startPoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        ArgumentException.ThrowIfNullOrEmpty(startPoint);

        // --no-track: tracking would write .git/config, which concurrent git processes fail to lock.
        return RunAsync(null, cancellationToken, "worktree", "add", "--quiet", "--no-checkout", "--no-track", "-b", branch, "--end-of-options", path, startPoint);
    }

    public Task AddWorktreeOfBranchAsync(string path, string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        return RunAsync(null, cancellationToken, "worktree", "add", "--quiet", "--no-checkout", "--end-of-options", path, branch);
    }

    public Task AddDetachedWorktreeAsync(string path, string commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(commit);
        return RunAsync(null, cancellationToken, "worktree", "add", "--quiet", "--no-checkout", "--detach", "--end-of-options", path, commit);
    }

    public Task MoveWorktreeAsync(string path, string destination, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return RunAsync(null, cancellationToken, "worktree", "move", "--end-of-options", path, destination);
    }

    public Task RemoveWorktreeAsync(string path, bool force, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return RunAsync(null, cancellationToken, force ? ["worktree", "remove", "--force", "--end-of-options", path] : ["worktree", "remove", "--end-of-options", path]);
    }

    public Task PruneWorktreesAsync(CancellationToken cancellationToken) =>
        RunAsync(null, cancellationToken, "worktree", "prune");

    public Task UnlockWorktreeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return RunAsync(null, cancellationToken, "worktree", "unlock", "--end-of-options", path);
    }
}
