using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Cleanup;

/// <summary>
/// <c>fanout gc</c>: finds what crashed or forgotten runs left (worktrees, branches, folders, locks,
/// pool leftovers, port blocks), removes what holds no unsaved or unmerged work, and lists the rest
/// with its size. A run is abandoned when the journal does not know it, or it never finished and
/// no process holds its run lock.
/// </summary>
public sealed partial class GarbageCollector
{
    /// <summary>git's own lock files older than this are reported: no git command holds one that long.</summary>
    public static readonly TimeSpan StaleGitLockAge = TimeSpan.FromMinutes(10);

    private readonly RepositoryPaths _paths;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly WorktreeEngine _engine;
    private readonly WorktreePool _pool;
    private readonly WorkspaceCleaner _cleaner;
    private readonly Dictionary<string, bool> _abandoned = new(StringComparer.Ordinal);
    private readonly List<GcItem> _items = [];
    private Dictionary<string, RunSnapshot> _runs = new(StringComparer.Ordinal);

    public GarbageCollector(FanoutSession session, IJournal journal)
    {
        ArgumentNullException.ThrowIfNull(session);
        _paths = session.Paths;
        _journal = journal;
        _time = session.Time;
        _engine = session.Worktrees;
        _pool = session.Pool;
        _cleaner = session.Cleaner;
    }

    public async Task<GcReport> CollectAsync(bool force, CancellationToken cancellationToken)
    {
        _runs = (await _journal.ListRunsAsync(int.MaxValue, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        await _engine.PruneAsync(cancellationToken);
        await CollectWorktreesAsync(force, cancellationToken);
        await CollectBranchesAsync(force, cancellationToken);
        await CollectFoldersAsync(force, cancellationToken);
        await CollectPoolAsync(force, cancellationToken);
        await CollectLocksAsync(force, cancellationToken);
        CollectCacheLeftovers();
        await CollectPortsAsync(cancellationToken);
        var cache = Path.Combine(_paths.StateDir, "cache");
        return new GcReport(_items, DiskUsage.Of(_paths.WorktreeRoot), DiskUsage.Of(_pool.Root), DiskUsage.Of(cache));
    }

    private async Task CollectWorktreesAsync(bool force, CancellationToken cancellationToken)
    {
        foreach (var entry in (await _engine.ListAsync(cancellationToken)).Skip(1))
        {
            if (RunOf(entry.Path) is not { } runId)
            {
                continue;
            }

            var run = _runs.GetValueOrDefault(runId);
            if (!await IsAbandonedAsync(runId, cancellationToken))
            {
                // A finished run's integration worktree is only a place to merge in; its branch holds the result.
                if (run is { EndedAt: not null } && Path.GetFileName(entry.Path) == RunCleaner.Integration && !await IsRunningAsync(runId, cancellationToken))
                {
                    var size = DiskUsage.Of(entry.Path);
                    Add("worktree", entry.Path, size, await _cleaner.CleanAsync(entry.Path, null, run.Info.BaseRef, run.Info.BaseCommit, force, cancellationToken));
                }

                continue;
            }

            var bytes = DiskUsage.Of(entry.Path);
            var result = await _cleaner.CleanAsync(entry.Path, entry.Branch, run?.Info.BaseRef, run?.Info.BaseCommit, force, cancellationToken, mergedElsewhereIsSafe: true);
            Add("worktree", entry.Path, bytes, result);
            if (result.Refused is null && run?.Tasks.FirstOrDefault(t => t.Worktree is { } w && PathsEqual(w, entry.Path)) is { } task)
            {
                await _journal.AppendAsync(new TaskStateChanged(runId, _time.GetUtcNow(), task.Id, TaskState.Cleaned, "gc: " + RunCleaner.Describe(result)), cancellationToken);
            }
        }
    }

    private async Task CollectBranchesAsync(bool force, CancellationToken cancellationToken)
    {
        var checkedOut = (await _engine.ListAsync(cancellationToken)).Select(e => e.Branch).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var branches = await _engine.ListBranchesAsync("fanout/", cancellationToken);
        foreach (var branch in branches.Where(b => !checkedOut.Contains(b)))
        {
            var parts = branch.Split('/');
            if (parts.Length < 3 || !await IsAbandonedAsync(parts[1], cancellationToken))
            {
                continue;
            }

            var run = _runs.GetValueOrDefault(parts[1]);
            var result = await _cleaner.CleanAsync(null, branch, run?.Info.BaseRef, run?.Info.BaseCommit, force, cancellationToken, mergedElsewhereIsSafe: true);
            if (result.BranchDeleted || result.Refused is not null)
            {
                Add("branch", branch, 0, result);
            }
        }
    }

    /// <summary>Whether a process holds the run's lock: a merge or resume of a finished run may be using its integration worktree.</summary>
    private async Task<bool> IsRunningAsync(string runId, CancellationToken cancellationToken)
    {
        var lockFile = _paths.RunLockFile(runId);
        var mergeLock = _paths.MergeLockFile(runId);
        foreach (var file in new[] { lockFile, mergeLock }.Where(File.Exists))
        {
            await using var probe = await RepositoryLock.TryAcquireAsync(file, cancellationToken);
            if (probe is null)
            {
                return true;
            }
        }

        return false;
    }

    private void Add(string kind, string path, long bytes, CleanResult result) =>
        _items.Add(result.Refused is { } refused
            ? new GcItem(kind, path, bytes, GcAction.Kept, refused)
            : new GcItem(kind, path, bytes, GcAction.Removed, RunCleaner.Describe(result)));

    /// <summary>The run a path under the worktree root belongs to (its first folder), or null for Fanout's own folders.</summary>
    private string? RunOf(string path)
    {
        if (!WorkspaceNames.IsConfined(_paths.WorktreeRoot, path))
        {
            return null;
        }

        var first = Path.GetRelativePath(_paths.WorktreeRoot, path).Split(Path.DirectorySeparatorChar)[0];
        return first.StartsWith('.') ? null : first;
    }

    private async Task<bool> IsAbandonedAsync(string runId, CancellationToken cancellationToken)
    {
        if (!_abandoned.TryGetValue(runId, out var abandoned))
        {
            var known = _runs.TryGetValue(runId, out var run);
            // A running run holds its lock file; without one, no process is running it.
            var lockFile = _paths.RunLockFile(runId);
            await using var probe = File.Exists(lockFile) ? await RepositoryLock.TryAcquireAsync(lockFile, cancellationToken) : null;
            abandoned = (probe is not null || !File.Exists(lockFile)) && (!known || run!.State == RunState.Running);
            _abandoned[runId] = abandoned;
        }

        return abandoned;
    }

    private static bool PathsEqual(string left, string right) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(left)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(right)), StringComparison.Ordinal);
}
