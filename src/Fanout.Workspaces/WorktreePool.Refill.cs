namespace Fanout.Workspaces;

public sealed partial class WorktreePool
{
    // Claims may still be under way when a warm counts the pool: warm again until one adds nothing.
    private const int MaxRefillRounds = 5;

    private readonly Lock _refillGate = new();
    private BackgroundRefill? _refill;

    /// <summary>Whether a background refill is under way.</summary>
    public bool Refilling
    {
        get
        {
            lock (_refillGate)
            {
                return _refill is { Task.IsCompleted: false };
            }
        }
    }

    /// <summary>
    /// Starts warming to <paramref name="settings"/> at <paramref name="baseCommit"/> in the background and
    /// returns at once; false when a refill is already under way. A run calls it once its own
    /// worktrees exist; the planning path, while the planner thinks. A refill that fails only means
    /// the next run adds its worktrees itself.
    /// </summary>
    public bool StartRefill(PoolSettings settings, string baseCommit)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(baseCommit);
        lock (_refillGate)
        {
            if (_refill is { Task.IsCompleted: false })
            {
                return false;
            }

            _refill?.Stop.Dispose();
            var stop = new CancellationTokenSource();
            _refill = new BackgroundRefill(Task.Run(() => RefillAsync(settings, baseCommit, stop.Token), CancellationToken.None), stop);
            return true;
        }
    }

    /// <summary>Waits for the refill under way, at most <paramref name="budget"/>; then stops it (the next warm removes what it left).</summary>
    public async Task FinishRefillAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        BackgroundRefill? refill;
        lock (_refillGate)
        {
            refill = _refill;
        }

        if (refill is null)
        {
            return;
        }

        try
        {
            await refill.Task.WaitAsync(budget, cancellationToken);
        }
        catch (TimeoutException)
        {
            await refill.Stop.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            await refill.Stop.CancelAsync();
        }
    }

    private async Task RefillAsync(PoolSettings settings, string baseCommit, CancellationToken cancellationToken)
    {
        try
        {
            for (var round = 0; round < MaxRefillRounds; round++)
            {
                var result = await WarmAsync(settings, baseCommit, cancellationToken);
                if (result.Added == 0 || result.Limit is not null)
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // A failed refill only means the next run adds worktrees itself; the run's outcome must not change.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>A refill under way and what stops it.</summary>
    private sealed record BackgroundRefill(Task Task, CancellationTokenSource Stop);
}
