namespace Fanout.Workspaces;

/// <summary>
/// How many checkouts (and other bulk writes of a worktree's files) run at once: as many as the
/// disk and CPUs sustain, learnt from the checkouts themselves. Fifty checkouts at once finish no
/// sooner than two or three at a time on two cores, but every one of them finishes late, so no
/// agent can start early; and they contend in the kernel, which costs system time of its own.
/// </summary>
/// <remarks>
/// The rule is TCP Vegas's: with <c>base</c> the fastest checkout seen (one that did not queue for
/// the disk or a core) and <c>latest</c> the one just finished, <c>limit × (1 − base / latest)</c>
/// estimates how many checkouts are waiting inside the machine rather than working. Under one the
/// machine has room and, while checkouts wait for a slot, the limit grows by one; over two they
/// only queue there, and it shrinks by one. Slots are handed out first come, first served. Work of
/// different kinds (a full checkout, a sparse one, a status check) is compared only with its own kind.
/// </remarks>
public sealed class CheckoutGate
{
    private const double Room = 1;
    private const double Crowded = 2;

    /// <summary>The kind of a full checkout.</summary>
    public const string Checkout = "checkout";

    /// <summary>The kind of a sparse checkout, lighter than a full one.</summary>
    public const string SparseCheckout = "sparse checkout";

    /// <summary>The kind of a full status check of a worktree (the pool's).</summary>
    public const string Check = "check";

    /// <summary>The kind of a copy of a dependency folder into a worktree.</summary>
    public const string Copy = "copy";

    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private readonly TimeProvider _time;
    private int _running;
    private readonly Dictionary<string, TimeSpan> _fastest = new(StringComparer.Ordinal);

    /// <param name="initial">Checkouts at once to start with; the number of cores unless given.</param>
    /// <param name="max">Never more at once than this; four per core unless given.</param>
    /// <param name="time">The clock checkouts are timed with.</param>
    public CheckoutGate(int? initial = null, int? max = null, TimeProvider? time = null)
    {
        Max = Math.Max(1, max ?? 4 * Environment.ProcessorCount);
        Limit = Math.Clamp(initial ?? Environment.ProcessorCount, 1, Max);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many may run at once now.</summary>
    public int Limit { get; private set; }

    public int Max { get; }

    /// <summary>How many run now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> once a slot is free, and learns from how long it took against others of its <paramref name="kind"/>.</summary>
    public async Task<T> RunAsync<T>(string kind, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(work);
        await EnterAsync(cancellationToken);
        var start = _time.GetTimestamp();
        var finished = false;
        try
        {
            var result = await work(cancellationToken);
            finished = true;
            return result;
        }
        finally
        {
            // A failed or cancelled checkout says nothing about how fast the machine is.
            Exit(finished ? (kind, _time.GetElapsedTime(start)) : null);
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string kind, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            kind,
            async token =>
            {
                await work(token);
                return true;
            },
            cancellationToken);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_running < Limit && _waiting.Count == 0)
            {
                _running++;
                return;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(turn);
        }

        try
        {
            await turn.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    throw;
                }
            }

            // The slot was handed over just as the wait was cancelled: give it on.
            Exit(null);
            throw;
        }
    }

    private void Exit((string Kind, TimeSpan Latency)? took)
    {
        var wake = new List<TaskCompletionSource>();
        lock (_gate)
        {
            _running--;
            if (took is { Latency.Ticks: > 0 } latest)
            {
                Learn(latest.Kind, latest.Latency);
            }

            while (_running < Limit && _waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                _running++;
                wake.Add(next.Value);
            }
        }

        foreach (var turn in wake)
        {
            turn.TrySetResult();
        }
    }

    /// <summary>Only called under the gate.</summary>
    private void Learn(string kind, TimeSpan latest)
    {
        var fastest = _fastest.TryGetValue(kind, out var seen) && seen < latest ? seen : latest;
        _fastest[kind] = fastest;
        var queued = Limit * (1 - (fastest / latest));
        if (queued < Room && _waiting.Count > 0 && Limit < Max)
        {
            Limit++;
        }
        else if (queued > Crowded && Limit > 1)
        {
            Limit--;
        }
    }
}
