namespace Fanout.Trackers.GitHub;

/// <summary>
/// Paces one token's requests to GitHub: mutating requests one at a time, spaced and counted per
/// minute and hour; reads overlapping up to a bound; everyone waiting while GitHub asked for a pause.
/// Refused requests are sent again after the wait GitHub named; ambiguous mutations are first
/// looked up, so a request GitHub carried out before failing is never repeated.
/// </summary>
public sealed class GitHubGovernor : IDisposable
{
    private readonly GitHubPacing _pacing;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly SemaphoreSlim _reads;
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _starts = [];
    private DateTimeOffset? _lastEnd;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public GitHubGovernor(GitHubPacing pacing, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        ArgumentNullException.ThrowIfNull(time);
        pacing.Validate();
        _pacing = pacing;
        _time = time;
        _reads = new SemaphoreSlim(pacing.MaxConcurrentReads, pacing.MaxConcurrentReads);
    }

    public GitHubPacing Pacing => _pacing;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Start times of the content-creating actions sent so far (the last hour's worth), oldest first: one per request, or one per issue of a batch.</summary>
    public IReadOnlyList<DateTimeOffset> MutationStarts
    {
        get
        {
            lock (_gate)
            {
                return [.. _starts];
            }
        }
    }

    /// <summary>Holds every request until <paramref name="until"/> (GitHub's retry-after or quota reset).</summary>
    public void BlockUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }
        }
    }

    /// <summary>
    /// Sends a mutating request in its turn. After an ambiguous failure, <paramref name="recover"/>
    /// looks for what the request would have made; if it finds it, that is the result.
    /// </summary>
    /// <param name="weight">How many things the request creates (a batch of issues: one each), counted against the per-minute and per-hour limits.</param>
    public async Task<T> MutateAsync<T>(string what, Func<CancellationToken, Task<T>> send, Func<CancellationToken, Task<T?>>? recover, CancellationToken cancellationToken, int weight = 1)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(send);
        for (var attempt = 1; ; attempt++)
        {
            RetryAdvice advice;
            await _writes.WaitAsync(cancellationToken);
            try
            {
                await WaitForTurnAsync(what, weight, cancellationToken);
                try
                {
                    return await send(cancellationToken);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    advice = Advise(error, what, attempt);
                }
                finally
                {
                    lock (_gate)
                    {
                        _lastEnd = Now;
                    }
                }
            }
            finally
            {
                _writes.Release();
            }

            await Task.Delay(advice.Delay, _time, cancellationToken);
            if (advice.Kind == FailureKind.Ambiguous && recover is not null && await recover(cancellationToken) is { } done)
            {
                return done;
            }
        }
    }

    /// <summary>Sends a read, overlapping with other reads up to the bound, retrying refusals and transient failures.</summary>
    public async Task<T> ReadAsync<T>(string what, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        for (var attempt = 1; ; attempt++)
        {
            RetryAdvice advice;
            await _reads.WaitAsync(cancellationToken);
            try
            {
                await WaitUntilAsync(() => _blockedUntil, what, cancellationToken);
                try
                {
                    return await send(cancellationToken);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    advice = Advise(error, what, attempt);
                }
            }
            finally
            {
                _reads.Release();
            }

            await Task.Delay(advice.Delay, _time, cancellationToken);
        }
    }

    public void Dispose()
    {
        _writes.Dispose();
        _reads.Dispose();
    }

    private RetryAdvice Advise(Exception error, string what, int attempt)
    {
        var advice = GitHubFailure.Classify(error, attempt, Now);
        if (advice.Kind == FailureKind.Fatal || attempt >= _pacing.MaxAttempts || advice.Delay > _pacing.MaxWait)
        {
            throw GitHubFailure.ToTrackerException(error, what, Now);
        }

        if (advice.Global)
        {
            BlockUntil(Now + advice.Delay);
        }

        return advice;
    }

    private async Task WaitForTurnAsync(string what, int weight, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(() => _pacing.EarliestStart(_starts, _lastEnd, _blockedUntil, Now, weight), what, cancellationToken);
        lock (_gate)
        {
            var now = Now;
            _starts.AddRange(Enumerable.Repeat(now, weight));
            if (_starts.Count > _pacing.PerHour)
            {
                _starts.RemoveRange(0, _starts.Count - _pacing.PerHour);
            }
        }
    }

    /// <summary>Waits until <paramref name="earliest"/> has passed, re-reading it after each wait: GitHub may have moved it.</summary>
    private async Task WaitUntilAsync(Func<DateTimeOffset> earliest, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset until;
            lock (_gate)
            {
                until = earliest();
            }

            var wait = until - Now;
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            if (wait > _pacing.MaxWait)
            {
                throw new TrackerRateLimitedException($"{what}: GitHub asked Fanout to wait until {until:u}, longer than {_pacing.MaxWait}", until);
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
