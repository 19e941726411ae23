namespace Fanout.Trackers;

/// <summary>
/// Rehearses a remote tracker's round trip with the local one: every request first waits
/// <paramref name="latency"/>, then goes to <paramref name="inner"/>. Requests from many workers
/// wait at the same time, as they would on a real remote API; nothing here serialises them.
/// </summary>
public sealed class DelayedTracker(ITracker inner, TimeSpan latency, TimeProvider time) : ITracker
{
    public string Name => inner.Name;

    public int RequestCount => inner.RequestCount;

    public TimeSpan Latency => latency;

    public async Task<TrackerIssue> EnsureIssueAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        return await inner.EnsureIssueAsync(request, cancellationToken);
    }

    public async Task CommentAsync(int number, string body, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        await inner.CommentAsync(number, body, cancellationToken);
    }

    public async Task CloseAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        await inner.CloseAsync(number, comment, cancellationToken);
    }

    public async Task ReopenAsync(int number, string? comment, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        await inner.ReopenAsync(number, comment, cancellationToken);
    }

    public async Task<TrackerIssue?> GetAsync(int number, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        return await inner.GetAsync(number, cancellationToken);
    }

    public async Task<IReadOnlyList<IssueComment>> CommentsAsync(int number, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        return await inner.CommentsAsync(number, cancellationToken);
    }

    public async Task<IReadOnlyList<TrackerIssue>> ListAsync(string? runId, CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        return await inner.ListAsync(runId, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(latency, time, cancellationToken);
}
