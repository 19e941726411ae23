namespace Fanout.Orchestration.Merging;

/// <summary>What the merge queue did: the integration branch, which tasks merged, which did not and why, and the tests.</summary>
public sealed record MergeReport(string Branch, string Worktree)
{
    public string? Head { get; init; }

    public IReadOnlyList<string> Merged { get; init; } = [];

    /// <summary>Tasks not merged, with the reason (conflicts, broken tests, a failed task or dependency).</summary>
    public IReadOnlyList<(string Task, string Reason)> NotMerged { get; init; } = [];

    /// <summary>The final test run on the integration branch (test mode once); null when none ran.</summary>
    public MergeTestResult? Tests { get; init; }

    /// <summary>What became of the --into branch, when one was given.</summary>
    public string? Into { get; init; }

    /// <summary>Why the --into branch was left alone although everything merged (it moved, or has uncommitted changes).</summary>
    public string? IntoRefused { get; init; }

    /// <summary>Why the queue itself stopped (the integration worktree could not be made), if it did.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Error is null && NotMerged.Count == 0 && Tests is not { Passed: false };
}

public sealed record MergeTestResult(bool Passed, string Command, IReadOnlyList<string> Merged, int? ExitCode, string? StderrTail);
