namespace Fanout.Trackers.GitHub;

/// <summary>
/// How issues are created several at a time: aliased <c>createIssue</c> mutations in one GraphQL
/// request. Requests that arrive within <see cref="Window"/> of each other (or while the previous
/// batch waits its turn) share a request, up to <see cref="MaxSize"/>.
/// </summary>
public sealed record GitHubBatching
{
    public static GitHubBatching Default { get; } = new();

    /// <summary>REST only, one issue a request (false), or GraphQL batches with REST as the fallback (true).</summary>
    public bool GraphQL { get; init; } = true;

    /// <summary>
    /// Issues per request. GitHub stops a GraphQL request after 10 seconds and a mutation runs its
    /// fields one after another, so ten creates keep a request well inside that.
    /// </summary>
    public int MaxSize { get; init; } = 10;

    /// <summary>How long the first request of a batch waits for others to join it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(50);

    public void Validate(GitHubPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        if (MaxSize < 1 || MaxSize > Math.Min(pacing.PerMinute, pacing.PerHour) || Window < TimeSpan.Zero)
        {
            throw new ArgumentException($"GitHub batching out of range (at most {Math.Min(pacing.PerMinute, pacing.PerHour)} issues a request): {this}");
        }
    }
}
