using Fanout.Core;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Cleanup;

public sealed partial class GarbageCollector
{
    private static readonly string[] GitLockNames = ["index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock"];

    /// <summary>Folders under the worktree root git does not know: empty ones go, anything with files stays unless forced.</summary>
    private async Task CollectFoldersAsync(bool force, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_paths.WorktreeRoot))
        {
            return;
        }

        var registered = (await _engine.ListAsync(cancellationToken)).Select(e => Path.GetFullPath(e.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var runFolder in Directory.EnumerateDirectories(_paths.WorktreeRoot).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            foreach (var folder in Directory.EnumerateDirectories(runFolder).Where(d => !registered.Contains(Path.GetFullPath(d))))
            {
                Folder(folder, "a folder git does not know as a worktree", force);
            }

            RemoveIfEmpty(runFolder);
        }

        var setAside = _engine.SetAsideRoot;
        if (Directory.Exists(setAside))
        {
            foreach (var folder in Directory.EnumerateDirectories(setAside))
            {
                Folder(folder, "moved aside by Fanout: it was in a task's place but not a worktree", force);
            }

            RemoveIfEmpty(setAside);
        }
    }

    private async Task CollectPoolAsync(bool force, CancellationToken cancellationToken)
    {
        await using var warming = await RepositoryLock.TryAcquireAsync(_pool.WarmLockFile, cancellationToken);
        if (warming is null)
        {
            return;
        }

        foreach (var entry in await _pool.PooledAsync(cancellationToken))
        {
            var half = WorkspaceNames.IsConfined(_pool.WarmingRoot, entry.Path);
            var dirty = WorkspaceNames.IsConfined(_pool.DirtyRoot, entry.Path);
            if (!half && !dirty)
            {
                continue;
            }

            var bytes = DiskUsage.Of(entry.Path);
            if (half || force)
            {
                // A half-warmed one only ever held a partial checkout of the base.
                await _engine.RemoveWorktreeAsync(entry.Path, force: true, cancellationToken);
                _items.Add(new GcItem("pool", entry.Path, bytes, GcAction.Removed, half ? "a pool worktree whose warm was stopped" : "a changed pool worktree (--force)"));
            }
            else
            {
                _items.Add(new GcItem("pool", entry.Path, bytes, GcAction.Kept, "a pool worktree someone changed; look at it, then 'fanout gc --force'"));
            }
        }
    }

    private async Task CollectLocksAsync(bool force, CancellationToken cancellationToken)
    {
        if (Directory.Exists(_paths.LockDir))
        {
            foreach (var file in Directory.EnumerateFiles(_paths.LockDir, "run-*.lock"))
            {
                var runId = Path.GetFileNameWithoutExtension(file)["run-".Length..];
                if (_runs.TryGetValue(runId, out var run) && run.State == Journal.RunState.Running && !await IsAbandonedAsync(runId, cancellationToken))
                {
                    continue;
                }

                await using (var probe = await RepositoryLock.TryAcquireAsync(file, cancellationToken))
                {
                    if (probe is null)
                    {
                        continue;
                    }
                }

                File.Delete(file);
                _items.Add(new GcItem("lock", file, 0, GcAction.Removed, "run lock of a run no process holds"));
            }
        }

        var gitLocks = GitLockNames
            .Select(name => Path.Combine(_paths.CommonDir, name))
            .Concat(Directory.Exists(Path.Combine(_paths.CommonDir, "worktrees"))
                ? Directory.EnumerateDirectories(Path.Combine(_paths.CommonDir, "worktrees")).SelectMany(d => new[] { Path.Combine(d, "index.lock"), Path.Combine(d, "HEAD.lock") })
                : []);
        foreach (var file in gitLocks.Where(File.Exists))
        {
            var age = _time.GetUtcNow() - File.GetLastWriteTimeUtc(file);
            if (age < StaleGitLockAge)
            {
                continue;
            }

            if (force)
            {
                File.Delete(file);
            }

            var minutes = (int)age.TotalMinutes;
            _items.Add(new GcItem("git lock", file, 0, force ? GcAction.Removed : GcAction.Kept, $"git lock file {minutes} min old; if no git command is running, remove it (or 'fanout gc --force')"));
        }
    }

    /// <summary>Half-written cache entries of a store that died; finished ones are renamed into place, so these are never read.</summary>
    private void CollectCacheLeftovers()
    {
        var cache = Path.Combine(_paths.StateDir, "cache");
        if (!Directory.Exists(cache))
        {
            return;
        }

        foreach (var temporary in Directory.EnumerateDirectories(cache, ".tmp-*").Where(d => _time.GetUtcNow() - Directory.GetLastWriteTimeUtc(d) > StaleGitLockAge))
        {
            var bytes = DiskUsage.Of(temporary);
            Directory.Delete(temporary, recursive: true);
            _items.Add(new GcItem("cache", temporary, bytes, GcAction.Removed, "a half-written dependency cache entry"));
        }
    }

    private async Task CollectPortsAsync(CancellationToken cancellationToken)
    {
        var ports = PortAllocator.For(_paths);
        foreach (var block in await ports.ListAsync(cancellationToken))
        {
            var runId = block.Owner.Split('/')[0];
            if (await IsAbandonedAsync(runId, cancellationToken))
            {
                await ports.ReleaseAsync(b => b == block, cancellationToken);
                _items.Add(new GcItem("ports", $"{block.First}-{block.First + block.Count - 1} ({block.Owner})", 0, GcAction.Removed, "port block of an abandoned run"));
            }
        }
    }

    private void Folder(string folder, string what, bool force)
    {
        var bytes = DiskUsage.Of(folder);
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            _items.Add(new GcItem("folder", folder, 0, GcAction.Removed, "an empty folder"));
        }
        else if (force)
        {
            Directory.Delete(folder, recursive: true);
            _items.Add(new GcItem("folder", folder, bytes, GcAction.Removed, what + " (--force)"));
        }
        else
        {
            _items.Add(new GcItem("folder", folder, bytes, GcAction.Kept, what + "; look at it, then remove it or run 'fanout gc --force'"));
        }
    }

    private static void RemoveIfEmpty(string folder)
    {
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
