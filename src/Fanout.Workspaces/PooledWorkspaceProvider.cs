namespace Fanout.Workspaces;

/// <summary>
/// Claims a pooled worktree when one is ready, else adds one with the engine. After the first
/// claim it refills the pool in the background while the run goes on; the run waits for the
/// refill at its end only up to a bound.
/// </summary>
public sealed class PooledWorkspaceProvider(WorktreeEngine engine, WorktreePool pool) : IWorkspaceProvider, IAsyncDisposable
{
    private const int MaxRefillRounds = 5;

    private readonly CancellationTokenSource _refillStop = new();
    private readonly Lock _gate = new();
    private Task? _refill;

    public async Task<Workspace> CreateAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var claimed = await pool.TryClaimAsync(request, cancellationToken);
        if (claimed is null)
        {
            return await engine.CreateAsync(request, cancellationToken);
        }

        StartRefill(request.BaseCommit);
        return claimed;
    }

    /// <summary>Waits for a refill under way, at most <paramref name="budget"/>; then stops it (the next warm removes what it left).</summary>
    public async Task FinishRefillAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        Task? refill;
        lock (_gate)
        {
            refill = _refill;
        }

        if (refill is null)
        {
            return;
        }

        try
        {
            await refill.WaitAsync(budget, cancellationToken);
        }
        catch (TimeoutException)
        {
            await _refillStop.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            await _refillStop.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _refillStop.CancelAsync();
        _refillStop.Dispose();
    }

    private void StartRefill(string baseCommit)
    {
        lock (_gate)
        {
            if (_refill is not null)
            {
                return;
            }

            var settings = pool.Settings;
            _refill = Task.Run(() => RefillAsync(settings, baseCommit), CancellationToken.None);
        }
    }

    private async Task RefillAsync(PoolSettings settings, string baseCommit)
    {
        try
        {
            // Claims may still be under way when a warm counts the pool: warm again until one adds nothing.
            for (var round = 0; round < MaxRefillRounds; round++)
            {
                var result = await pool.WarmAsync(settings, baseCommit, _refillStop.Token);
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
}
