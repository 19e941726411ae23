namespace Fanout.Trackers;

/// <summary>What a worker asks for: the (run, task) pair is the idempotency key.</summary>
public sealed record IssueRequest(string RunId, string TaskId, string Title, string Body)
{
    public IReadOnlyList<string> Labels { get; init; } = [];
}

public sealed record TrackerIssue(int Number, string Title, string Body, IssueState State, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string> Labels { get; init; } = [];

    public string? Url { get; init; }

    public string? RunId { get; init; }

    public string? TaskId { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}

public enum IssueState
{
    Open,
    Closed,
}

public sealed record IssueComment(long Id, int IssueNumber, string Body, DateTimeOffset CreatedAt);
