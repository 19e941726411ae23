using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>What one clean did to one worktree and branch.</summary>
public sealed record CleanResult(WorkInspection Inspection, bool WorktreeRemoved, bool BranchDeleted, string? Refused);

/// <summary>
/// Removes a task's worktree and, when nothing would be lost, its branch. A worktree with
/// uncommitted changes, or a branch with commits no other branch has, is refused unless forced.
/// </summary>
public sealed class WorkspaceCleaner
{
    private readonly RepositoryPaths _paths;
    private readonly WorktreeEngine _engine;
    private readonly IGit _git;

    public WorkspaceCleaner(RepositoryPaths paths, WorktreeEngine engine, IProcessRunner runner)
        : this(paths, engine, Git.Of(paths, runner))
    {
    }

    internal WorkspaceCleaner(RepositoryPaths paths, WorktreeEngine engine, IGit git)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(git);
        _paths = paths;
        _engine = engine;
        _git = git;
    }

    /// <param name="landedInto">Branches the task's branch was landed in (<c>fanout merge --into</c>): being in one of them counts as merged, as being in the base does.</param>
    public async Task<WorkInspection> InspectAsync(string? worktree, string? branch, string? baseRef, string? baseCommit, CancellationToken cancellationToken, IReadOnlyList<string>? landedInto = null)
    {
        var exists = worktree is not null && Directory.Exists(worktree) && File.Exists(Path.Combine(worktree, ".git"));
        var halfMade = exists && !WorktreeEngine.CheckoutFinished(worktree!);

        // Without an index, status would call every file of the base a change.
        var changes = exists && !halfMade ? await _git.ChangedPathsAsync(worktree!, cancellationToken) : [];
        var detached = exists && !halfMade ? await DetachedCommitsAsync(worktree!, cancellationToken) : 0;
        var (state, own) = branch is null ? (BranchState.Missing, 0) : await BranchStateAsync(branch, baseRef, baseCommit, landedInto ?? [], cancellationToken);
        return new WorkInspection(worktree, exists, changes, branch, state, own) { HalfMade = halfMade, DetachedCommits = detached };
    }

    /// <summary>Commits only a detached HEAD holds (an agent that checked out a commit and went on from there).</summary>
    private async Task<int> DetachedCommitsAsync(string worktree, CancellationToken cancellationToken)
    {
        var entry = (await _git.ListWorktreesAsync(cancellationToken)).FirstOrDefault(w => PathIdentity.Same(w.Path, worktree));
        return entry is { Detached: true, Head: { } head } ? await _git.CountCommitsOnNoBranchAsync(head, cancellationToken) : 0;
    }

    /// <summary>Cleans, or refuses with the reason; <paramref name="force"/> removes whatever is there.</summary>
    /// <param name="mergedElsewhereIsSafe">Also delete a branch whose commits another branch has (gc of abandoned runs); clean keeps those.</param>
    /// <param name="landedInto">Branches the run's tasks were landed in; a branch in one of them is merged.</param>
    public async Task<CleanResult> CleanAsync(string? worktree, string? branch, string? baseRef, string? baseCommit, bool force, CancellationToken cancellationToken, bool mergedElsewhereIsSafe = false, IReadOnlyList<string>? landedInto = null)
    {
        var inspection = await InspectAsync(worktree, branch, baseRef, baseCommit, cancellationToken, landedInto);
        if (inspection.Risk is { } risk && !force)
        {
            return new CleanResult(inspection, false, false, risk);
        }

        var removed = false;
        if (worktree is not null && WorkspaceNames.IsConfined(_paths.WorktreeRoot, worktree))
        {
            // git itself calls a worktree without an index modified: only --force removes a half-made one.
            await _engine.RemoveAsync(new Workspace(worktree, branch ?? string.Empty, baseCommit ?? string.Empty), force || inspection.HalfMade, cancellationToken);
            removed = inspection.WorktreeExists;
        }

        var deleted = false;
        if (branch is not null && inspection.BranchState != BranchState.Missing && (force || inspection.BranchDeletable || (mergedElsewhereIsSafe && inspection.BranchState == BranchState.MergedElsewhere)))
        {
            // -D after our own check: -d judges against HEAD or an upstream, neither of which is the task's base.
            await _engine.DeleteBranchAsync(branch, cancellationToken);
            deleted = true;
        }

        return new CleanResult(inspection, removed, deleted, null);
    }

    private async Task<(BranchState State, int Own)> BranchStateAsync(string branch, string? baseRef, string? baseCommit, IReadOnlyList<string> landedInto, CancellationToken cancellationToken)
    {
        var tip = await _git.TryResolveCommitAsync("refs/heads/" + branch, cancellationToken);
        if (tip is null)
        {
            return (BranchState.Missing, 0);
        }

        var own = baseCommit is not null && await _git.TryResolveCommitAsync(baseCommit, cancellationToken) is not null
            ? await _git.CountCommitsAheadAsync(baseCommit, tip, cancellationToken)
            : -1;
        if (own == 0)
        {
            return (BranchState.Empty, 0);
        }

        if (baseRef is not null && await _git.TryResolveCommitAsync(baseRef, cancellationToken) is not null
            && await _git.IsAncestorAsync(tip, baseRef, cancellationToken))
        {
            return (BranchState.Merged, own);
        }

        foreach (var landed in landedInto)
        {
            if (await _git.TryResolveCommitAsync("refs/heads/" + landed, cancellationToken) is not null
                && await _git.IsAncestorAsync(tip, "refs/heads/" + landed, cancellationToken))
            {
                return (BranchState.Merged, own);
            }
        }

        var lost = await _git.CountCommitsOnlyOnBranchAsync(branch, tip, cancellationToken);
        return lost == 0 ? (BranchState.MergedElsewhere, own) : (BranchState.Unmerged, lost);
    }
}
