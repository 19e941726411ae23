using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>
/// Creates task worktrees safely with many callers at once. Concurrent <c>git worktree add</c>
/// fails now and then (one add reads another's half-written metadata), so only the metadata step
/// runs under a repository-wide lock, for every caller waiting at once (<see cref="LockedBatch{TRequest, TResult}"/>);
/// the checkouts, which are the slow part, run in parallel, each in its own worktree with its own
/// index, as many at a time as the machine sustains (<see cref="Checkouts"/>).
/// </summary>
public sealed partial class WorktreeEngine : IWorkspaceProvider
{
    private readonly RepositoryPaths _paths;
    private readonly IGit _git;
    private readonly GitRetry _retry;
    private readonly TimeProvider _time;
    private readonly LockedBatch<Registration, (bool Reused, string? SetAside)> _registrations;
    private bool _worktreeConfig;

    public WorktreeEngine(RepositoryPaths paths, IProcessRunner runner, TimeProvider? timeProvider = null)
        : this(paths, Git.Of(paths, runner), timeProvider ?? TimeProvider.System, new CheckoutGate(time: timeProvider))
    {
    }

    internal WorktreeEngine(RepositoryPaths paths, IGit git, TimeProvider time, CheckoutGate checkouts)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(checkouts);
        _paths = paths;
        _git = git;
        _time = time;
        _retry = new GitRetry(_time);
        Checkouts = checkouts;
        _registrations = new(LockFile, RegisterBatchAsync);
    }

    /// <summary>Bounds the checkouts running at once; the pool's warm and the dependency cache's copies share it.</summary>
    public CheckoutGate Checkouts { get; }

    /// <summary>Receives every timed step of every worktree made (<see cref="WorktreeStep"/>); null costs nothing.</summary>
    public Action<WorktreeStep>? Trace { get; init; }

    /// <summary>Where folders found in a task's place, but unknown to git, are moved so nothing in them is lost.</summary>
    public string SetAsideRoot => Path.Combine(_paths.WorktreeRoot, ".orphaned");

    /// <summary>Held while worktrees are registered or removed, by every Fanout process on this repository.</summary>
    public string LockFile => Path.Combine(_paths.LockDir, "worktrees.lock");

    /// <inheritdoc/>
    /// <remarks>A rerun of the same request returns the existing workspace, repaired if needed, with <see cref="Workspace.Reused"/> set.</remarks>
    public async Task<Workspace> CreateAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Branch);
        ArgumentException.ThrowIfNullOrEmpty(request.BaseCommit);
        var path = ConfinedPath(request.Path);
        var sparse = SparseFolders.Normalise(request.Sparse);

        var (reused, setAside) = await _registrations.RunAsync(new Registration(request with { Sparse = sparse }, path, _time.GetUtcNow()), cancellationToken);
        if (reused)
        {
            // An earlier attempt's git may have been killed mid-checkout or mid-commit, holding the worktree's index.
            StaleGitLocks.Clear(path, _paths.CommonDir, request.Branch);
        }

        if (!CheckoutFinished(path))
        {
            var queued = _time.GetUtcNow();
            await Checkouts.RunAsync(
                sparse is null ? CheckoutGate.Checkout : CheckoutGate.SparseCheckout,
                async token =>
                {
                    var start = Step(path, WorktreeStep.CheckoutWait, queued);
                    await _retry.RunAsync(t => PopulateAsync(path, sparse, t), token);
                    Step(path, WorktreeStep.Checkout, start);
                },
                cancellationToken);
        }

        return new Workspace(path, request.Branch, request.BaseCommit) { Reused = reused, SetAside = setAside, Sparse = sparse };
    }

    /// <summary>
    /// The metadata step for every request waiting, under the lock. The common case (nothing in
    /// the way of any of them) costs one git process for all their branches and three small files
    /// each; a request that finds something in its place (a rerun, a crash's leftovers) is looked
    /// at closer, alone.
    /// </summary>
    private async Task RegisterBatchAsync(IReadOnlyList<BatchItem<Registration, (bool Reused, string? SetAside)>> batch)
    {
        var locked = _time.GetUtcNow();
        foreach (var item in batch)
        {
            Trace?.Invoke(new WorktreeStep(item.Request.Path, WorktreeStep.LockWait, item.Request.Requested, locked));
        }

        if (batch.Any(i => i.Request.Request.Sparse is not null))
        {
            await EnableWorktreeConfigAsync();
        }

        await RegisterFreshAsync([.. batch.Where(i => !Directory.Exists(i.Request.Path))]);
        foreach (var item in batch.Where(i => !i.Completed))
        {
            try
            {
                item.Succeed(await _retry.RunAsync(token => RegisterOneAsync(item.Request.Request, item.Request.Path, token), item.CancellationToken));
            }
#pragma warning disable CA1031 // The failure is this request's answer; the others go on.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                item.Fail(failure);
            }
        }

        foreach (var item in batch)
        {
            Step(item.Request.Path, WorktreeStep.Metadata, locked);
        }
    }

    /// <summary>Every new branch in one ref transaction, then each worktree's records; a request that does not go through this way is left for <see cref="RegisterOneAsync"/>.</summary>
    private async Task RegisterFreshAsync(IReadOnlyList<BatchItem<Registration, (bool Reused, string? SetAside)>> fresh)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> existing;
        try
        {
            existing = await _git.CreateBranchesAsync([.. fresh.Select(i => new BranchStart(i.Request.Request.Branch, i.Request.Request.BaseCommit))], CancellationToken.None);
        }
        catch (GitException)
        {
            // A ref was locked, or a start point is not a commit: each goes the careful way.
            return;
        }

        // A branch that existed already holds an earlier attempt's work: the careful way adds the worktree of it.
        foreach (var item in fresh.Where(i => !existing.Contains(i.Request.Request.Branch, StringComparer.Ordinal)))
        {
            try
            {
                WorktreeAdmin.Register(_paths.CommonDir, item.Request.Path, "ref: refs/heads/" + item.Request.Request.Branch);
                item.Succeed((false, null));
            }
            catch (IOException)
            {
                // Its branch exists now; the careful way adds the worktree of it, or says what is wrong.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Sparse worktrees keep their patterns in their own config (config.worktree), which git reads only with this set; once per engine, under the lock.</summary>
    private async Task EnableWorktreeConfigAsync()
    {
        if (!_worktreeConfig)
        {
            await _git.EnableWorktreeConfigAsync(CancellationToken.None);
            _worktreeConfig = true;
        }
    }

    /// <summary>One request's metadata step when something may be in its way: registers the worktree and its branch, or finds them from an earlier try. True when reused.</summary>
    private async Task<(bool Reused, string? SetAside)> RegisterOneAsync(WorkspaceRequest request, string path, CancellationToken cancellationToken)
    {
        // A kill while the batch wrote this worktree's records: made whole, it is reused and checked out below.
        WorktreeAdmin.RepairHalfMade(_paths.CommonDir, path);
        if (await TryAddFreshAsync(request, path, cancellationToken))
        {
            return (false, null);
        }

        var worktrees = await _git.ListWorktreesAsync(cancellationToken);
        if (await RepairRegistrationsAsync(worktrees, cancellationToken))
        {
            worktrees = await _git.ListWorktreesAsync(cancellationToken);
        }

        if (worktrees.FirstOrDefault(w => PathIdentity.Same(w.Path, path)) is { } existing)
        {
            return existing.Branch == request.Branch
                ? (true, null)
                : throw new GitException($"{path} is already a worktree of {existing.Branch ?? "a detached HEAD"}, not {request.Branch}; remove it with `git worktree remove {path}` or use another run id");
        }

        var setAside = SetAside(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (await _git.BranchExistsAsync(request.Branch, cancellationToken))
        {
            await _git.AddWorktreeOfBranchAsync(path, request.Branch, cancellationToken);
            return (true, setAside);
        }

        await _git.AddWorktreeAsync(path, request.Branch, request.BaseCommit, cancellationToken);
        return (false, setAside);
    }

    /// <summary>
    /// Nothing is in the way yet: one git call, as a bare add would. When something is (a
    /// registration, the branch), git refuses before it creates anything, and the caller looks closer.
    /// </summary>
    private async Task<bool> TryAddFreshAsync(WorkspaceRequest request, string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await _git.AddWorktreeAsync(path, request.Branch, request.BaseCommit, cancellationToken);
            return true;
        }
        catch (GitException failure) when (!GitRetry.IsTransient(failure))
        {
            return false;
        }
    }

    /// <summary>
    /// A registered worktree whose folder is gone blocks both its path and its branch. git keeps
    /// locked ones on purpose; under the worktree root only Fanout locks (a crashed move), so those
    /// are unlocked first. True when anything changed.
    /// </summary>
    private async Task<bool> RepairRegistrationsAsync(IReadOnlyList<WorktreeEntry> worktrees, CancellationToken cancellationToken)
    {
        var stale = worktrees.Skip(1).Where(w => w.Prunable || (w.Locked && !Directory.Exists(w.Path))).ToArray();
        if (stale.Length == 0)
        {
            return false;
        }

        foreach (var locked in stale.Where(w => w.Locked && WorkspaceNames.IsConfined(_paths.WorktreeRoot, w.Path)))
        {
            await _git.UnlockWorktreeAsync(locked.Path, cancellationToken);
        }

        await _git.PruneWorktreesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A folder in the task's place that git does not know: a crash between mkdir and registration,
    /// or someone's files. An empty one goes; anything else is moved aside, never deleted.
    /// </summary>
    private string? SetAside(string path)
    {
        if (!Directory.Exists(path))
        {
            return null;
        }

        if (!Directory.EnumerateFileSystemEntries(path).Any())
        {
            Directory.Delete(path);
            return null;
        }

        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var relative = Path.GetRelativePath(_paths.WorktreeRoot, path).Replace(Path.DirectorySeparatorChar, '_');
        var target = Path.Combine(SetAsideRoot, $"{relative}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(SetAsideRoot);
        Directory.Move(path, target);
        return target;
    }

    private async Task PopulateAsync(string path, IReadOnlyList<string>? sparse, CancellationToken cancellationToken)
    {
        // Without its .git file git would search upward and could reset whatever repository holds the worktree root.
        if (!File.Exists(Path.Combine(path, ".git")))
        {
            throw new GitException($"{path} has no .git file, so it is not a worktree; remove the folder and run again");
        }

        if (sparse is not null)
        {
            await _git.SetSparseCheckoutAsync(path, sparse, cancellationToken);
        }

        await _git.ResetHardAsync(path, null, cancellationToken);
    }

    /// <summary>Reports the step from <paramref name="start"/> until now to <see cref="Trace"/>; returns now.</summary>
    private DateTimeOffset Step(string path, string name, DateTimeOffset start)
    {
        var now = _time.GetUtcNow();
        Trace?.Invoke(new WorktreeStep(path, name, start, now));
        return now;
    }

    /// <summary>A worktree added with --no-checkout has no index until its first checkout completes.</summary>
    internal static bool CheckoutFinished(string path) =>
        WorktreeLink.AdminDir(path) is { } gitDir && File.Exists(Path.Combine(gitDir, "index"));

    private string ConfinedPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return WorkspaceNames.IsConfined(_paths.WorktreeRoot, path)
            ? Path.GetFullPath(path, Path.GetFullPath(_paths.WorktreeRoot))
            : throw new ArgumentException($"{path} is not inside the worktree root {_paths.WorktreeRoot}", nameof(path));
    }

    /// <summary>A request waiting for its metadata step, at its full path, since when.</summary>
    private sealed record Registration(WorkspaceRequest Request, string Path, DateTimeOffset Requested);
}
