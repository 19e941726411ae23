namespace Fanout.Workspaces;

public sealed partial class Git
{
    public Task ResetHardAsync(string worktree, string? revision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);

        // The trailing -- makes git read the revision as one, even when a file has its name.
        return revision is null
            ? RunAsync(worktree, cancellationToken, "reset", "--hard", "--quiet")
            : RunAsync(worktree, cancellationToken, "reset", "--hard", "--quiet", Revision(revision, nameof(revision)), "--");
    }

    public Task CheckoutNewBranchAsync(string worktree, string branch, string startPoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentException.ThrowIfNullOrEmpty(branch);

        // -b, not -B: an existing branch holds an earlier attempt's work, which must not be reset.
        // --no-track: tracking would write .git/config, which concurrent git processes fail to lock.
        return RunAsync(worktree, cancellationToken, "checkout", "--quiet", "--no-track", "-b", branch, Revision(startPoint, nameof(startPoint)), "--");
    }

    public Task DetachAsync(string worktree, string commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        return RunAsync(worktree, cancellationToken, "checkout", "--quiet", "--detach", Revision(commit, nameof(commit)), "--");
    }

    public async Task<IReadOnlyList<string>> TrackedChangesAsync(string worktree, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        var output = await ReadAsync(worktree, cancellationToken, "-c", "core.quotePath=false", "status", "--porcelain=v1", "--untracked-files=no");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Length > 3 ? line[3..] : line).Distinct(StringComparer.Ordinal).ToArray();
    }
}
