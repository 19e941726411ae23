namespace Fanout.Workspaces;

/// <summary>Whether deleting a branch could lose commits.</summary>
public enum BranchState
{
    /// <summary>No such branch.</summary>
    Missing,

    /// <summary>No commits of its own against its base.</summary>
    Empty,

    /// <summary>Its tip is in its base branch.</summary>
    Merged,

    /// <summary>Its tip is in another local or remote branch, though not in its base.</summary>
    MergedElsewhere,

    /// <summary>It has commits no other branch has: deleting it loses them.</summary>
    Unmerged,
}

/// <summary>What a worktree and its branch hold, as far as removing them goes.</summary>
public sealed record WorkInspection(string? Worktree, bool WorktreeExists, IReadOnlyList<string> Changes, string? Branch, BranchState BranchState, int OwnCommits)
{
    public bool Dirty => Changes.Count > 0;

    /// <summary>
    /// Registered, but its checkout never finished (a crash between the metadata step and the
    /// checkout): it holds nothing anyone wrote, only part of the base, so it goes without --force.
    /// </summary>
    public bool HalfMade { get; init; }

    /// <summary>Commits the worktree's detached HEAD holds that no branch has: removing the worktree loses them.</summary>
    public int DetachedCommits { get; init; }

    /// <summary>Why removing both would lose work, or null when it would not.</summary>
    public string? Risk =>
        Dirty ? $"{Changes.Count} uncommitted change(s) in {Worktree}"
        : DetachedCommits > 0 ? $"{DetachedCommits} commit(s) on the detached HEAD of {Worktree} that no branch has"
        : BranchState == BranchState.Unmerged ? $"branch {Branch} has {OwnCommits} commit(s) not merged anywhere"
        : null;

    /// <summary>The branch may go: it has nothing of its own, or its base has it all.</summary>
    public bool BranchDeletable => BranchState is BranchState.Empty or BranchState.Merged;
}
