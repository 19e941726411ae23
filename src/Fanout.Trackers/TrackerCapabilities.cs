namespace Fanout.Trackers;

/// <summary>A tracker that wants to hear when a task's agent starts (GitHub comments on the issue).</summary>
public interface ITrackerLifecycle
{
    Task AgentStartedAsync(int issue, string comment, CancellationToken cancellationToken);
}

/// <summary>A tracker that can open a pull request for a pushed branch.</summary>
public interface IPullRequestTracker
{
    /// <summary>Opens the pull request, or returns the one already open from the same branch.</summary>
    Task<PullRequestLink> OpenPullRequestAsync(PullRequestOpening request, CancellationToken cancellationToken);
}

public sealed record PullRequestOpening(string Head, string Base, string Title, string Body);

public sealed record PullRequestLink(int Number, string Url);

/// <summary>The tracker cannot be used at all (no token, no access, no such repository); nothing was created.</summary>
public sealed class TrackerAccessException(string message, Exception? inner = null) : TrackerException(message, inner);
