namespace Fanout.Trackers.GitHub;

/// <summary>One caller's issue waiting in a batch; its caller may give up without stopping the batch for the others.</summary>
internal sealed class PendingIssue
{
    private readonly TaskCompletionSource<TrackerIssue> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public PendingIssue(IssueDraft draft, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        Draft = draft;
        Labels = labels;
        CallerToken = cancellationToken;
        _registration = cancellationToken.Register(() => _done.TrySetCanceled(cancellationToken));
    }

    public IssueDraft Draft { get; }

    /// <summary>Label names, for a create by REST.</summary>
    public IReadOnlyList<string> Labels { get; }

    public CancellationToken CallerToken { get; }

    public Task<TrackerIssue> Task => _done.Task;

    public void Complete(TrackerIssue issue)
    {
        _done.TrySetResult(issue);
        _registration.Dispose();
    }

    public void Fail(Exception error)
    {
        _done.TrySetException(error);
        _registration.Dispose();
    }
}

/// <summary>
/// The token a batch is sent with: cancelled only when every caller in it has given up, since one
/// cancelled task must not cost the others their issues.
/// </summary>
internal sealed class SharedCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private int _waiting;

    public SharedCancellation(IReadOnlyList<PendingIssue> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _waiting = batch.Count;
        foreach (var pending in batch)
        {
            _registrations.Add(pending.CallerToken.Register(GaveUp));
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void GaveUp()
    {
        if (Interlocked.Decrement(ref _waiting) == 0)
        {
            _source.Cancel();
        }
    }
}
