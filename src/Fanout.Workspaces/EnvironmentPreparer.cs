using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>What a worktree got before its setup command ran.</summary>
public sealed record PreparedEnvironment(IReadOnlyList<string> Included, IReadOnlyList<DependencyKey> Dependencies, IReadOnlyList<DependencyKey> Restored, PortBlock Ports)
{
    /// <summary>One line for the journal: what was copied, restored and allocated.</summary>
    public string Describe() =>
        $"{Included.Count} include file(s), dependencies restored: {(Restored.Count == 0 ? "none" : string.Join(", ", Restored.Select(r => r.Folder)))}, ports {Ports.First}-{Ports.First + Ports.Count - 1}";
}

/// <summary>
/// Gets a worktree ready for its setup command: gitignored include files, dependency folders from
/// the cache, and a port block. The include list is worked out once per run; each worktree then
/// only copies.
/// </summary>
public sealed class EnvironmentPreparer
{
    private readonly RepositoryPaths _paths;
    private readonly Lazy<Task<IReadOnlyList<string>>> _includes;

    public EnvironmentPreparer(RepositoryPaths paths, IReadOnlyList<string> includeGlobs, IProcessRunner runner, int portBlockSize = PortAllocator.DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(includeGlobs);
        ArgumentNullException.ThrowIfNull(runner);
        _paths = paths;
        PortBlockSize = portBlockSize;
        Ports = PortAllocator.For(paths);
        Cache = new DependencyCache(Path.Combine(paths.StateDir, "cache"), paths.LockDir, runner);
        var patterns = IncludeFiles.Patterns(paths.Root, includeGlobs);
        _includes = new Lazy<Task<IReadOnlyList<string>>>(() => IncludeFiles.FindAsync(paths.Root, patterns, runner, CancellationToken.None));
    }

    public PortAllocator Ports { get; }

    public DependencyCache Cache { get; }

    public int PortBlockSize { get; }

    public async Task<PreparedEnvironment> PrepareAsync(string runId, string taskId, string worktree, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        var included = IncludeFiles.Copy(_paths.Root, worktree, await _includes.Value.WaitAsync(cancellationToken));
        var dependencies = DependencyCache.Detect(worktree);
        var restored = await Cache.RestoreAsync(worktree, dependencies, cancellationToken);
        var ports = await Ports.AllocateAsync(Owner(runId, taskId), PortBlockSize, cancellationToken);
        return new PreparedEnvironment(included, dependencies, restored, ports);
    }

    /// <summary>After the setup command succeeded: what it installed becomes the cache for the same lock files.</summary>
    public Task<IReadOnlyList<DependencyKey>> StoreAsync(PreparedEnvironment prepared, string worktree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return Cache.StoreAsync(worktree, prepared.Dependencies, cancellationToken);
    }

    public static string Owner(string runId, string taskId) => $"{runId}/{taskId}";
}
