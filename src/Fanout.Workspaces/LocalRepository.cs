using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>
/// The Workspaces side of one repository, built once: where Fanout keeps things for it, its git,
/// and the worktree engine, pool and cleaner, which all share that one <see cref="IGit"/>.
/// </summary>
public sealed class LocalRepository
{
    private LocalRepository(RepositoryPaths paths, IGit git, TimeProvider time)
    {
        Paths = paths;
        Git = git;
        Worktrees = new WorktreeEngine(paths, git, time, new CheckoutGate(time: time));
        Pool = new WorktreePool(paths, Worktrees, git);
        Cleaner = new WorkspaceCleaner(paths, Worktrees, git);
    }

    public RepositoryPaths Paths { get; }

    /// <summary>Runs in the repository's top folder; operations in a worktree take its path.</summary>
    public IGit Git { get; }

    public WorktreeEngine Worktrees { get; }

    public WorktreePool Pool { get; }

    public WorkspaceCleaner Cleaner { get; }

    /// <summary>
    /// Finds the repository <paramref name="directory"/> belongs to, as <see cref="RepositoryLocator.LocateAsync"/>
    /// does (with the same refusals), and builds its services.
    /// </summary>
    public static async Task<LocalRepository> OpenAsync(string directory, IProcessRunner runner, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var paths = await RepositoryLocator.LocateAsync(directory, runner, cancellationToken);
        return new LocalRepository(paths, new Git(paths.Root, runner), time);
    }
}
