namespace Fanout.Workspaces;

/// <summary>
/// Every git operation Fanout uses, each one task-level, for one repository. Expected outcomes are
/// results; anything else throws <see cref="GitException"/> naming the command. Operations that
/// work in a worktree take its path, so one instance serves the repository and all its worktrees.
/// </summary>
public interface IGit
{
    /// <summary>Where calls that name no worktree run.</summary>
    string RepositoryDirectory { get; }

    /// <summary>Whether <see cref="RepositoryDirectory"/> is in a bare repository, and whether in a working tree; throws when it is in no repository git accepts.</summary>
    Task<RepositoryKind> KindAsync(CancellationToken cancellationToken);

    /// <summary>
    /// In one git process, what opening a repository needs when <see cref="RepositoryDirectory"/> is
    /// in a working tree with commits; null in every other case, which the single questions tell apart.
    /// </summary>
    Task<WorkTreeFacts?> TryDescribeWorkTreeAsync(CancellationToken cancellationToken);

    /// <summary>The top folder of the working tree <see cref="RepositoryDirectory"/> is in.</summary>
    Task<string> TopLevelAsync(CancellationToken cancellationToken);

    /// <summary>The git common dir (shared by every worktree), as a full path without a trailing separator.</summary>
    Task<string> CommonDirAsync(CancellationToken cancellationToken);

    /// <summary>The full commit id a revision names, or null when it names nothing.</summary>
    Task<string?> TryResolveCommitAsync(string revision, CancellationToken cancellationToken);

    /// <summary>The checked-out branch's short name, or null on a detached HEAD.</summary>
    Task<string?> CurrentBranchAsync(CancellationToken cancellationToken);

    Task<bool> BranchExistsAsync(string branch, CancellationToken cancellationToken);

    /// <summary>Whether git accepts the name as a branch (<c>git check-ref-format --branch</c>).</summary>
    Task<bool> IsValidBranchNameAsync(string branch, CancellationToken cancellationToken);

    /// <summary>Short names of the local branches under <paramref name="prefix"/>, a folder of branch names such as <c>fanout/</c>.</summary>
    Task<IReadOnlyList<string>> ListBranchesAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Creates every branch that does not exist yet, each at its start point, in one git process
    /// (one ref transaction); returns the ones that existed already, untouched.
    /// </summary>
    Task<IReadOnlyList<string>> CreateBranchesAsync(IReadOnlyList<BranchStart> branches, CancellationToken cancellationToken);

    /// <summary>Deletes a local branch whatever it holds (<c>-D</c>): callers judge first what it would lose.</summary>
    Task DeleteBranchAsync(string branch, CancellationToken cancellationToken);

    /// <summary>Moves <c>refs/heads/<paramref name="branch"/></c> to <paramref name="commit"/> only if it still points at <paramref name="expected"/>.</summary>
    Task UpdateBranchAsync(string branch, string commit, string expected, string reason, CancellationToken cancellationToken);

    /// <summary>How many commits <paramref name="branch"/> has that <paramref name="baseCommit"/> has not.</summary>
    Task<int> CountCommitsAheadAsync(string baseCommit, string branch, CancellationToken cancellationToken);

    /// <summary>The commits <paramref name="branch"/> has that <paramref name="baseCommit"/> has not, newest first: how many, and its head, in one git process.</summary>
    Task<IReadOnlyList<string>> CommitsAheadAsync(string baseCommit, string branch, CancellationToken cancellationToken);

    /// <summary>How many commits reachable from <paramref name="tip"/> no local or remote branch but <paramref name="branch"/> has: what deleting it would lose.</summary>
    Task<int> CountCommitsOnlyOnBranchAsync(string branch, string tip, CancellationToken cancellationToken);

    /// <summary>How many commits reachable from <paramref name="tip"/> no local or remote branch has: what a detached HEAD alone holds.</summary>
    Task<int> CountCommitsOnNoBranchAsync(string tip, CancellationToken cancellationToken);
    /// <summary>What <paramref name="branch"/> changed since <paramref name="baseCommit"/>: its diff from their merge base, as a patch.</summary>
    Task<string> DiffAsync(string baseCommit, string branch, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken);

    /// <summary>Stages everything in the worktree (outside a sparse checkout's folders too) and commits it; false when there was nothing to commit.</summary>
    Task<bool> CommitAllAsync(string worktree, string message, CancellationToken cancellationToken);

    /// <summary>Paths with uncommitted changes in a worktree (porcelain status, untracked included).</summary>
    Task<IReadOnlyList<string>> ChangedPathsAsync(string worktree, CancellationToken cancellationToken);

    /// <summary>Tracked files with uncommitted changes (staged or not); untracked files are not counted.</summary>
    Task<IReadOnlyList<string>> TrackedChangesAsync(string worktree, CancellationToken cancellationToken);

    /// <summary>Resets a worktree's index and files to <paramref name="revision"/> (null: its HEAD, which also fills a worktree added without a checkout).</summary>
    Task ResetHardAsync(string worktree, string? revision, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="branch"/> at <paramref name="startPoint"/> and checks it out in the worktree; throws when the branch exists.</summary>
    Task CheckoutNewBranchAsync(string worktree, string branch, string startPoint, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the worktree a cone-mode sparse checkout of <paramref name="folders"/> (and the files at
    /// the top), in its own config; the next checkout or <see cref="ResetHardAsync"/> writes only those.
    /// Needs <see cref="EnableWorktreeConfigAsync"/> once.
    /// </summary>
    Task SetSparseCheckoutAsync(string worktree, IReadOnlyList<string> folders, CancellationToken cancellationToken);

    /// <summary>
    /// Lets each worktree have settings of its own (<c>extensions.worktreeConfig</c>, which sparse
    /// checkouts need), once per repository; refuses a repository whose shared config sets
    /// <c>core.worktree</c> or <c>core.bare</c>, which would then have to move.
    /// </summary>
    Task EnableWorktreeConfigAsync(CancellationToken cancellationToken);

    /// <summary>Checks out <paramref name="commit"/> on a detached HEAD in the worktree.</summary>
    Task DetachAsync(string worktree, string commit, CancellationToken cancellationToken);

    /// <summary>
    /// Merges <paramref name="revision"/> into the branch checked out in <paramref name="worktree"/>
    /// (fast-forward when possible). On conflicts the merge is aborted, so the worktree is as before.
    /// </summary>
    Task<MergeResult> MergeAsync(string worktree, string revision, string message, bool noFastForward, CancellationToken cancellationToken);

    /// <summary>Fast-forwards the branch checked out in <paramref name="worktree"/> to <paramref name="revision"/>; throws when that is not a fast-forward.</summary>
    Task FastForwardAsync(string worktree, string revision, CancellationToken cancellationToken);

    /// <summary>Whether merging <paramref name="branch"/> into <paramref name="into"/> would conflict, and on which paths, touching no working tree or index.</summary>
    Task<MergeResult> PreviewMergeAsync(string into, string branch, CancellationToken cancellationToken);

    /// <summary>git's list of worktrees, the main one first.</summary>
    Task<IReadOnlyList<WorktreeEntry>> ListWorktreesAsync(CancellationToken cancellationToken);

    /// <summary>The worktree where <paramref name="branch"/> is checked out, or null when it is checked out nowhere.</summary>
    Task<string?> WorktreeOfBranchAsync(string branch, CancellationToken cancellationToken);

    /// <summary>Registers a worktree at <paramref name="path"/> on a new branch at <paramref name="startPoint"/>, without checking it out (<see cref="ResetHardAsync"/> does).</summary>
    Task AddWorktreeAsync(string path, string branch, string startPoint, CancellationToken cancellationToken);

    /// <summary>Registers a worktree at <paramref name="path"/> on an existing branch, without checking it out.</summary>
    Task AddWorktreeOfBranchAsync(string path, string branch, CancellationToken cancellationToken);

    /// <summary>Registers a worktree at <paramref name="path"/> on a detached HEAD at <paramref name="commit"/>, without checking it out.</summary>
    Task AddDetachedWorktreeAsync(string path, string commit, CancellationToken cancellationToken);

    Task MoveWorktreeAsync(string path, string destination, CancellationToken cancellationToken);

    /// <summary>Unregisters a worktree and deletes its folder; without <paramref name="force"/> git refuses one with changes.</summary>
    Task RemoveWorktreeAsync(string path, bool force, CancellationToken cancellationToken);

    /// <summary>Forgets registrations whose folders are gone (locked ones stay).</summary>
    Task PruneWorktreesAsync(CancellationToken cancellationToken);

    Task UnlockWorktreeAsync(string path, CancellationToken cancellationToken);

    /// <summary>The URL of a remote, or null when the repository has no such remote.</summary>
    Task<string?> RemoteUrlAsync(string remote, CancellationToken cancellationToken);

    /// <summary>Pushes a branch to the remote under the same name.</summary>
    Task PushAsync(string remote, string branch, CancellationToken cancellationToken);

    /// <summary>Fetches <paramref name="refspecs"/> from the remote (a worker keeping its clone of a run's shared remote up to date).</summary>
    Task FetchAsync(string remote, IReadOnlyList<string> refspecs, CancellationToken cancellationToken);
}
