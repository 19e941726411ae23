using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>
/// Creates task worktrees safely with many callers at once. Concurrent <c>git worktree add</c>
/// fails now and then (one add reads another's half-written metadata), so only the metadata step
/// runs under a repository-wide lock; the checkouts, which are the slow part, run in parallel,
/// each in its own worktree with its own index.
/// </summary>
public sealed partial class WorktreeEngine : IWorkspaceProvider
{
    private readonly RepositoryPaths _paths;
    private readonly IGit _git;
    private readonly GitRetry _retry;
    private readonly TimeProvider _time;

    public WorktreeEngine(RepositoryPaths paths, IProcessRunner runner, TimeProvider? timeProvider = null)
        : this(paths, Git.Of(paths, runner), timeProvider ?? TimeProvider.System)
    {
    }

    internal WorktreeEngine(RepositoryPaths paths, IGit git, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(time);
        _paths = paths;
        _git = git;
        _time = time;
        _retry = new GitRetry(_time);
    }

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

        var (reused, setAside) = await _retry.RunAsync(token => RegisterAsync(request, path, token), cancellationToken);
        if (reused)
        {
            // An earlier attempt's git may have been killed mid-checkout or mid-commit, holding the worktree's index.
            StaleGitLocks.Clear(path);
        }

        if (!CheckoutFinished(path))
        {
            await _retry.RunAsync(token => PopulateAsync(path, token), cancellationToken);
        }

        return new Workspace(path, request.Branch, request.BaseCommit) { Reused = reused, SetAside = setAside };
    }

    /// <summary>The metadata step: registers the worktree and its branch, or finds them from an earlier try. True when reused.</summary>
    private async Task<(bool Reused, string? SetAside)> RegisterAsync(WorkspaceRequest request, string path, CancellationToken cancellationToken)
    {
        await using var held = await RepositoryLock.AcquireAsync(LockFile, cancellationToken);
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
    /// The common case costs one git call under the lock, as a bare add would: nothing is in the
    /// way yet. When something is (a registration, the branch), git refuses before it creates
    /// anything, and the caller looks closer.
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

    private async Task PopulateAsync(string path, CancellationToken cancellationToken)
    {
        // Without its .git file git would search upward and could reset whatever repository holds the worktree root.
        if (!File.Exists(Path.Combine(path, ".git")))
        {
            throw new GitException($"{path} has no .git file, so it is not a worktree; remove the folder and run again");
        }

        await _git.ResetHardAsync(path, null, cancellationToken);
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
}
