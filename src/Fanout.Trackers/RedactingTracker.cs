using Fanout.Core;

namespace Fanout.Trackers;

/// <summary>
/// A tracker whose issue titles and bodies, comments and pull requests are redacted before they
/// leave: a prompt or a failure's stderr that holds a token never reaches an issue. It offers the
/// optional interfaces (<see cref="ITrackerLifecycle"/>, <see cref="IPullRequestTracker"/>) exactly
/// when the tracker it wraps does, so the pipeline sees the same capabilities.
/// </summary>
public class RedactingTracker : ITracker
{
    private protected RedactingTracker(ITracker inner, Redactor redactor)
    {
        Inner = inner;
        Redactor = redactor;
    }

    public ITracker Inner { get; }

    public string Name => Inner.Name;

    public int RequestCount => Inner.RequestCount;

    private protected Redactor Redactor { get; }

    public static ITracker Wrap(ITracker inner, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(redactor);
        return (inner is ITrackerLifecycle, inner is IPullRequestTracker) switch
        {
            (true, true) => new Full(inner, redactor),
            (true, false) => new WithLifecycle(inner, redactor),
            (false, true) => new WithPullRequests(inner, redactor),
            _ => new RedactingTracker(inner, redactor),
        };
    }

    public Task<TrackerIssue> EnsureIssueAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Inner.EnsureIssueAsync(request with { Title = Redactor.Redact(request.Title), Body = Redactor.Redact(request.Body) }, cancellationToken);
    }

    public Task CommentAsync(int number, string body, CancellationToken cancellationToken) =>
        Inner.CommentAsync(number, Redactor.Redact(body), cancellationToken);

    public Task CloseAsync(int number, string? comment, CancellationToken cancellationToken) =>
        Inner.CloseAsync(number, Redactor.RedactOrNull(comment), cancellationToken);

    public Task ReopenAsync(int number, string? comment, CancellationToken cancellationToken) =>
        Inner.ReopenAsync(number, Redactor.RedactOrNull(comment), cancellationToken);

    public Task<TrackerIssue?> GetAsync(int number, CancellationToken cancellationToken) => Inner.GetAsync(number, cancellationToken);

    public Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken) => Inner.CommentsAsync(number, cancellationToken);

    public Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken) => Inner.ListAsync(runId, cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Inner.DisposeAsync();
    }

    private protected Task AgentStartedAsync(int issue, string comment, CancellationToken cancellationToken) =>
        ((ITrackerLifecycle)Inner).AgentStartedAsync(issue, Redactor.Redact(comment), cancellationToken);

    private protected Task<PullRequestLink> OpenPullRequestAsync(PullRequestOpening request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ((IPullRequestTracker)Inner).OpenPullRequestAsync(request with { Title = Redactor.Redact(request.Title), Body = Redactor.Redact(request.Body) }, cancellationToken);
    }

    private sealed class WithLifecycle(ITracker inner, Redactor redactor) : RedactingTracker(inner, redactor), ITrackerLifecycle
    {
        Task ITrackerLifecycle.AgentStartedAsync(int issue, string comment, CancellationToken cancellationToken) => AgentStartedAsync(issue, comment, cancellationToken);
    }

    private sealed class WithPullRequests(ITracker inner, Redactor redactor) : RedactingTracker(inner, redactor), IPullRequestTracker
    {
        Task<PullRequestLink> IPullRequestTracker.OpenPullRequestAsync(PullRequestOpening request, CancellationToken cancellationToken) => OpenPullRequestAsync(request, cancellationToken);
    }

    private sealed class Full(ITracker inner, Redactor redactor) : RedactingTracker(inner, redactor), ITrackerLifecycle, IPullRequestTracker
    {
        Task ITrackerLifecycle.AgentStartedAsync(int issue, string comment, CancellationToken cancellationToken) => AgentStartedAsync(issue, comment, cancellationToken);

        Task<PullRequestLink> IPullRequestTracker.OpenPullRequestAsync(PullRequestOpening request, CancellationToken cancellationToken) => OpenPullRequestAsync(request, cancellationToken);
    }
}
