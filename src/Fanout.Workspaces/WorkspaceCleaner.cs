using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>What one clean did to one worktree and branch.</summary>
public sealed record CleanResult(WorkInspection Inspection, bool WorktreeRemoved, bool BranchDeleted, string? Refused);

/// <summary>
/// Removes a task's worktree and, when nothing would be lost, its branch. A worktree with
/// uncommitted changes, or a branch with commits no other branch has, is refused unless forced.
/// </summary>
public sealed class WorkspaceCleaner(RepositoryPaths paths, WorktreeEngine engine, IProcessRunner runner)
{
    private readonly Git _git = new(paths.Root, runner);

    public async Task<WorkInspection> InspectAsync(string? worktree, string? branch, string? baseRef, string? baseCommit, CancellationToken cancellationToken)
    {
        var exists = worktree is not null && Directory.Exists(worktree) && File.Exists(Path.Combine(worktree, ".git"));
        var changes = exists ? await new Git(worktree!, runner).ChangedPathsAsync(worktree!, cancellationToken) : [];
        var (state, own) = branch is null ? (BranchState.Missing, 0) : await BranchStateAsync(branch, baseRef, baseCommit, cancellationToken);
        return new WorkInspection(worktree, exists, changes, branch, state, own);
    }

    /// <summary>Cleans, or refuses with the reason; <paramref name="force"/> removes whatever is there.</summary>
    /// <param name="mergedElsewhereIsSafe">Also delete a branch whose commits another branch has (gc of abandoned runs); clean keeps those.</param>
    public async Task<CleanResult> CleanAsync(string? worktree, string? branch, string? baseRef, string? baseCommit, bool force, CancellationToken cancellationToken, bool mergedElsewhereIsSafe = false)
    {
        var inspection = await InspectAsync(worktree, branch, baseRef, baseCommit, cancellationToken);
        if (inspection.Risk is { } risk && !force)
        {
            return new CleanResult(inspection, false, false, risk);
        }

        var removed = false;
        if (worktree is not null && WorkspaceNames.IsConfined(paths.WorktreeRoot, worktree))
        {
            await engine.RemoveAsync(new Workspace(worktree, branch ?? string.Empty, baseCommit ?? string.Empty), force, cancellationToken);
            removed = inspection.WorktreeExists;
        }

        var deleted = false;
        if (branch is not null && inspection.BranchState != BranchState.Missing && (force || inspection.BranchDeletable || (mergedElsewhereIsSafe && inspection.BranchState == BranchState.MergedElsewhere)))
        {
            // -D after our own check: -d judges against HEAD or an upstream, neither of which is the task's base.
            await engine.WithLockAsync((git, token) => git.RunAsync(null, token, "branch", "--quiet", "-D", "--", branch), cancellationToken);
            deleted = true;
        }

        return new CleanResult(inspection, removed, deleted, null);
    }

    private async Task<(BranchState State, int Own)> BranchStateAsync(string branch, string? baseRef, string? baseCommit, CancellationToken cancellationToken)
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
            && (await _git.TryRunAsync(null, cancellationToken, "merge-base", "--is-ancestor", tip, baseRef)).ExitCode == 0)
        {
            return (BranchState.Merged, own);
        }

        // Commits of the branch that no other local or remote branch has: exactly what deleting it would lose.
        // (--exclude patterns for --branches are written without refs/heads/.)
        var alone = await _git.RunAsync(null, cancellationToken, "rev-list", "--count", tip, "--not", "--exclude=" + branch, "--branches", "--remotes");
        var lost = int.Parse(alone.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return lost == 0 ? (BranchState.MergedElsewhere, own) : (BranchState.Unmerged, lost);
    }
}
