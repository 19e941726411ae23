namespace Fanout.Orchestration.Resuming;

/// <summary>What <c>fanout resume</c> or <c>fanout retry</c> was asked.</summary>
public sealed record ResumeRequest
{
    /// <summary>The run; null means the latest.</summary>
    public string? RunId { get; init; }

    /// <summary>Tasks a retry runs again (their agents too, even where they finished); empty for a resume.</summary>
    public IReadOnlyList<string> Retry { get; init; } = [];

    /// <summary>Added to the retried tasks' prompts, and what their agents' continued sessions are told.</summary>
    public string? FollowUp { get; init; }

    /// <summary>Merge tasks as they finish, as <c>run --merge</c> does.</summary>
    public bool Merge { get; init; }

    public bool IsRetry => Retry.Count > 0;
}
