namespace Fanout.Workspaces;

/// <summary>The git operations the pipeline needs, each one task-level; expected outcomes are results, the rest throw <see cref="GitException"/>.</summary>
public interface IGit
{
    string RepositoryDirectory { get; }

    /// <summary>The full commit id a revision names, or null when it names nothing.</summary>
    Task<string?> TryResolveCommitAsync(string revision, CancellationToken cancellationToken);

    /// <summary>The checked-out branch's short name, or null on a detached HEAD.</summary>
    Task<string?> CurrentBranchAsync(CancellationToken cancellationToken);

    Task<bool> BranchExistsAsync(string branch, CancellationToken cancellationToken);

    /// <summary>Whether git accepts the name as a branch (<c>git check-ref-format --branch</c>).</summary>
    Task<bool> IsValidBranchNameAsync(string branch, CancellationToken cancellationToken);

    /// <summary>Stages everything in the worktree and commits it; false when there was nothing to commit.</summary>
    Task<bool> CommitAllAsync(string worktree, string message, CancellationToken cancellationToken);

    /// <summary>How many commits <paramref name="branch"/> has that <paramref name="baseCommit"/> has not.</summary>
    Task<int> CountCommitsAheadAsync(string baseCommit, string branch, CancellationToken cancellationToken);

    /// <summary>Paths with uncommitted changes in a worktree (porcelain status, untracked included).</summary>
    Task<IReadOnlyList<string>> ChangedPathsAsync(string worktree, CancellationToken cancellationToken);

    /// <summary>The URL of a remote, or null when the repository has no such remote.</summary>
    Task<string?> RemoteUrlAsync(string remote, CancellationToken cancellationToken);

    /// <summary>
    /// Merges <paramref name="revision"/> into the branch checked out in <paramref name="worktree"/>
    /// (fast-forward when possible, unless <paramref name="noFastForward"/>); on conflicts the merge is aborted.
    /// </summary>
    Task<MergeResult> MergeAsync(string worktree, string revision, string message, bool noFastForward, CancellationToken cancellationToken);

    /// <summary>Pushes a branch to the remote under the same name.</summary>
    Task PushAsync(string remote, string branch, CancellationToken cancellationToken);
}
