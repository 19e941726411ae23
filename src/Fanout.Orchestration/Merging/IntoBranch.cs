using Fanout.Core;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>
/// Brings the user's branch up to the integration result, only when that cannot lose anything:
/// never over uncommitted changes, and in a checkout only by fast-forward.
/// </summary>
internal static class IntoBranch
{
    /// <summary>Refuses, before anything is merged, a branch that does not exist or is checked out with uncommitted changes.</summary>
    public static async Task CheckAsync(IGit git, string branch, string integrationBranch, CancellationToken cancellationToken)
    {
        if (branch == integrationBranch || !await git.IsValidBranchNameAsync(branch, cancellationToken) || !await git.BranchExistsAsync(branch, cancellationToken))
        {
            throw new UserInputException($"--into {branch}: not a local branch of {git.RepositoryDirectory} other than {integrationBranch}; give an existing branch such as main");
        }

        if (await git.WorktreeOfBranchAsync(branch, cancellationToken) is { } worktree
            && await git.TrackedChangesAsync(worktree, cancellationToken) is { Count: > 0 } changed)
        {
            throw new UserInputException(
                $"--into {branch}: {branch} is checked out in {worktree} with uncommitted changes ({string.Join(", ", changed.Take(5))}{(changed.Count > 5 ? ", ..." : string.Empty)}); commit or stash them, then merge again; nothing was changed");
        }
    }

    /// <returns>What was done, for the user.</returns>
    public static async Task<string> UpdateAsync(IntegrationWorktree integration, string branch, string integrationBranch, CancellationToken cancellationToken)
    {
        var git = integration.Git;
        await CheckAsync(git, branch, integrationBranch, cancellationToken);
        var target = await integration.HeadAsync(cancellationToken);
        var current = await git.TryResolveCommitAsync(branch, cancellationToken) ?? throw new UserInputException($"--into {branch}: the branch no longer exists");
        if (await git.IsAncestorAsync(target, current, cancellationToken))
        {
            return $"{branch} already contains {integrationBranch}";
        }

        var fastForward = await git.IsAncestorAsync(current, target, cancellationToken);
        if (await git.WorktreeOfBranchAsync(branch, cancellationToken) is { } worktree)
        {
            if (!fastForward)
            {
                throw new UserInputException(
                    $"--into {branch}: {branch} (checked out in {worktree}) has commits that {integrationBranch} lacks, so it cannot be fast-forwarded; merge it there yourself: git -C {worktree} merge {integrationBranch}");
            }

            // A fast-forward of a clean checkout changes nothing the user wrote; git refuses to overwrite untracked files itself.
            await git.FastForwardAsync(worktree, target, cancellationToken);
            return $"{branch} fast-forwarded to {Short(target)} in {worktree}";
        }

        if (fastForward)
        {
            await git.UpdateBranchAsync(branch, target, current, $"fanout merge: fast-forward to {integrationBranch}", cancellationToken);
            return $"{branch} fast-forwarded to {Short(target)}";
        }

        var merge = await integration.MergeAsync(branch, $"Merge {branch} into {integrationBranch}", cancellationToken);
        if (!merge.Merged)
        {
            throw new UserInputException(
                $"--into {branch}: {branch} has moved since the run's base and conflicts with {integrationBranch} in {string.Join(", ", merge.Conflicts)}; merge {integrationBranch} into {branch} yourself; {branch} was not changed");
        }

        var merged = await integration.HeadAsync(cancellationToken);
        await git.UpdateBranchAsync(branch, merged, current, $"fanout merge: merge of {integrationBranch}", cancellationToken);
        return $"{branch} merged with {integrationBranch} at {Short(merged)}";
    }

    private static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
