namespace Fanout.Trackers;

/// <summary>
/// Where each task's issue lives. Implementations are safe to call from many workers at once
/// and pace themselves; callers never need to serialise.
/// </summary>
public interface ITracker : IAsyncDisposable
{
    /// <summary>Short name for messages and the journal: "local", "github".</summary>
    string Name { get; }

    /// <summary>Requests sent so far (for the run's metrics).</summary>
    int RequestCount { get; }

    /// <summary>Returns the issue of (run, task), creating it only if it does not exist yet.</summary>
    Task<TrackerIssue> EnsureIssueAsync(IssueRequest request, CancellationToken cancellationToken);

    Task CommentAsync(int number, string body, CancellationToken cancellationToken);

    /// <summary>Closes the issue, with a final comment when one is given.</summary>
    Task CloseAsync(int number, string? comment, CancellationToken cancellationToken);

    /// <summary>Opens a closed issue again (a retried task), with a comment when one is given; an open one only gets the comment.</summary>
    Task ReopenAsync(int number, string? comment, CancellationToken cancellationToken);

    Task<TrackerIssue?> GetAsync(int number, CancellationToken cancellationToken);

    Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken);

    /// <summary>Issues, newest first; only those of <paramref name="runId"/> when it is given.</summary>
    Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken);
}
