namespace Fanout.Workspaces;

/// <summary>What a merge did: merged, or refused with the paths that conflict (and nothing left half-merged).</summary>
public sealed record MergeResult(bool Merged, IReadOnlyList<string> Conflicts)
{
    public static MergeResult Clean { get; } = new(true, []);
}

public sealed partial class Git
{
    public async Task<MergeResult> MergeAsync(string worktree, string revision, string message, bool noFastForward, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentException.ThrowIfNullOrEmpty(revision);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var arguments = new List<string>(await IdentityFallbackAsync(cancellationToken));
        arguments.AddRange(["merge", "--quiet", "--no-edit", noFastForward ? "--no-ff" : "--ff", "-m", message, "--end-of-options", revision]);
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

    public Task FastForwardAsync(string worktree, string revision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        ArgumentException.ThrowIfNullOrEmpty(revision);
        return RunAsync(worktree, cancellationToken, "merge", "--ff-only", "--quiet", "--end-of-options", revision);
    }

    /// <remarks>Computed in the object store alone (<c>git merge-tree --write-tree</c>).</remarks>
    public async Task<MergeResult> PreviewMergeAsync(string into, string branch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(into);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var result = await TryReadAsync(null, cancellationToken, "-c", "core.quotePath=false", "merge-tree", "--write-tree", "--name-only", "--messages", "--end-of-options", into, branch);
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
        ArgumentException.ThrowIfNullOrEmpty(ancestor);
        ArgumentException.ThrowIfNullOrEmpty(descendant);
        var result = await TryReadAsync(null, cancellationToken, "merge-base", "--is-ancestor", "--end-of-options", ancestor, descendant);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw result.ToException(),
        };
    }
}
