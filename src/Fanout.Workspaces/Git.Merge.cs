namespace Fanout.Workspaces;

/// <summary>What a merge did: merged, or refused with the paths that conflict (and nothing left half-merged).</summary>
public sealed record MergeResult(bool Merged, IReadOnlyList<string> Conflicts)
{
    public static MergeResult Clean { get; } = new(true, []);
}

public sealed partial class Git
{
    /// <summary>
    /// Merges <paramref name="revision"/> into the branch checked out in <paramref name="worktree"/>
    /// (fast-forward when possible). On conflicts the merge is aborted, so the worktree is as before.
    /// </summary>
    public async Task<MergeResult> MergeAsync(string worktree, string revision, string message, bool noFastForward, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentException.ThrowIfNullOrEmpty(revision);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var arguments = new List<string>(await IdentityFallbackAsync(worktree, cancellationToken));
        arguments.AddRange(["merge", "--quiet", "--no-edit", noFastForward ? "--no-ff" : "--ff", "-m", message, revision]);
        var result = await TryRunAsync(worktree, cancellationToken, [.. arguments]);
        if (result.Succeeded)
        {
            return MergeResult.Clean;
        }

        var conflicted = await ReadAsync(worktree, cancellationToken, "-c", "core.quotePath=false", "diff", "--name-only", "--diff-filter=U");
        var paths = conflicted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (paths.Length == 0)
        {
            throw result.ToException();
        }

        await RunAsync(worktree, cancellationToken, "merge", "--abort");
        return new MergeResult(false, paths);
    }

    /// <summary>
    /// Whether merging <paramref name="branch"/> into <paramref name="into"/> would conflict, and on
    /// which paths, computed in the object store alone (<c>git merge-tree --write-tree</c>): no
    /// working tree or index is touched.
    /// </summary>
    public async Task<MergeResult> PreviewMergeAsync(string into, string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(into);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var result = await TryReadAsync(null, cancellationToken, "-c", "core.quotePath=false", "merge-tree", "--write-tree", "--name-only", "--messages", into, branch);
        return result.ExitCode switch
        {
            0 => MergeResult.Clean,
            1 => new MergeResult(false, ConflictedPaths(result.Output)),
            _ => throw result.ToException(),
        };
    }

    /// <summary>The output is the tree id, the conflicted paths one a line, a blank line, then git's messages.</summary>
    internal static IReadOnlyList<string> ConflictedPaths(string output) =>
        output.Split('\n').Skip(1).TakeWhile(line => line.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken)
    {
        var result = await TryReadAsync(null, cancellationToken, "merge-base", "--is-ancestor", ancestor, descendant);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw result.ToException(),
        };
    }

    /// <summary>The worktree where <paramref name="branch"/> is checked out, or null when it is checked out nowhere.</summary>
    public async Task<string?> WorktreeOfBranchAsync(string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var worktrees = await WorktreeList.ReadAsync(this, cancellationToken);
        return worktrees.FirstOrDefault(w => w.Branch == branch && !w.Prunable)?.Path;
    }

    /// <summary>Tracked files with uncommitted changes (staged or not); untracked files are not counted.</summary>
    public async Task<IReadOnlyList<string>> TrackedChangesAsync(string worktree, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        var output = await ReadAsync(worktree, cancellationToken, "-c", "core.quotePath=false", "status", "--porcelain=v1", "--untracked-files=no");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Length > 3 ? line[3..] : line).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Moves <c>refs/heads/<paramref name="branch"/></c> to <paramref name="commit"/> only if it still points at <paramref name="expected"/>.</summary>
    public Task UpdateBranchAsync(string branch, string commit, string expected, string reason, CancellationToken cancellationToken) =>
        RunAsync(null, cancellationToken, "update-ref", "-m", reason, "refs/heads/" + branch, commit, expected);
}
