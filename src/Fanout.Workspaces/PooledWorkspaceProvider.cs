namespace Fanout.Workspaces;

/// <summary>
/// Claims a pooled worktree when one is ready, else adds one with the engine. Once every worktree
/// the run asked for exists, it refills the pool in the background, behind the run's own
/// checkouts, never beside them; the run waits for the refill at its end only up to a bound.
/// </summary>
public sealed class PooledWorkspaceProvider(WorktreeEngine engine, WorktreePool pool) : IWorkspaceProvider
{
    private readonly Lock _gate = new();
    private int _made;
    private bool _claimed;
    private string? _baseCommit;

    /// <summary>
    /// What the pool is refilled to after this run (<c>pool: auto</c>: the size of this run); null
    /// refills to the pool's own settings (<c>fanout pool warm</c>), and only when the run claimed from it.
    /// </summary>
    public PoolSettings? RefillTo { get; init; }

    /// <summary>How many worktrees the run asks for: the refill starts when the last of them exists.</summary>
    public int Expected { get; init; }

    public async Task<Workspace> CreateAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var claimed = await pool.TryClaimAsync(request, cancellationToken);
        var workspace = claimed ?? await engine.CreateAsync(request, cancellationToken);
        bool last;
        lock (_gate)
        {
            _claimed |= claimed is not null;
            _baseCommit ??= request.BaseCommit;
            last = ++_made == Expected;
        }

        if (last)
        {
            StartRefill();
        }

        return workspace;
    }

    /// <summary>Starts the refill if it has not started (some task never got its worktree), waits for it at most <paramref name="budget"/>, then stops it.</summary>
    public Task FinishRefillAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        StartRefill();
        return pool.FinishRefillAsync(budget, cancellationToken);
    }

    private void StartRefill()
    {
        string? baseCommit;
        bool claimed;
        lock (_gate)
        {
            (baseCommit, claimed) = (_baseCommit, _claimed);
        }

        var settings = RefillTo ?? (claimed ? pool.Settings : null);
        if (baseCommit is not null && settings is { Target: > 0 })
        {
            pool.StartRefill(settings, baseCommit);
        }
    }
}
