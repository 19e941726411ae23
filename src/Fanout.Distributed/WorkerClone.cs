using System.Security.Cryptography;
using System.Text;

using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Workspaces;

namespace Fanout.Distributed;

/// <summary>
/// A worker's own clone of one shared remote, and the session over it. Fetches and ref updates go
/// under the clone's lock (one fetch at a time, across processes sharing the work folder); task
/// worktrees are made by the session's worktree engine, as on one machine.
/// </summary>
internal sealed class WorkerClone : IAsyncDisposable
{
    private readonly string _lockFile;

    private WorkerClone(FanoutSession session, string lockFile, string plans)
    {
        Session = session;
        _lockFile = lockFile;
        PlansFolder = plans;
    }

    public FanoutSession Session { get; }

    /// <summary>Where each run's plan is checked out at its base commit, read-only for the worker.</summary>
    public string PlansFolder { get; }

    public IGit Git => Session.Git;

    /// <param name="branch">The branch the clone's HEAD names: the base of the run that needed the clone first.</param>
    public static async Task<WorkerClone> OpenAsync(FanoutHost host, string workDirectory, string remote, string branch, CancellationToken cancellationToken)
    {
        var name = Folder(remote);
        var path = Path.Combine(workDirectory, "clones", name);
        var lockFile = Path.Combine(workDirectory, "clones", name + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        await using (await RepositoryLock.AcquireAsync(lockFile, cancellationToken))
        {
            if (!Directory.Exists(Path.Combine(path, ".git")))
            {
                // A clone cut short leaves a folder git would refuse to clone into.
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                await Workspaces.Git.CloneAsync(host.Runner, remote, path, branch, cancellationToken);
            }
        }

        var session = await FanoutSession.OpenAsync(host, path, cancellationToken);
        return new WorkerClone(session, lockFile, Path.Combine(workDirectory, "plans", name));
    }

    /// <summary>
    /// Brings the clone up to date with the remote: every branch as a remote-tracking one, then the
    /// task branches named in <paramref name="branches"/> as local ones, where the remote has them
    /// (a dependency's work, or the branch a dead worker pushed). A branch checked out here is moved
    /// forward in its worktree only when the remote is ahead of it.
    /// </summary>
    public async Task FetchAsync(IEnumerable<string> branches, CancellationToken cancellationToken)
    {
        await using var held = await RepositoryLock.AcquireAsync(_lockFile, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Git.FetchAsync(RemotePublisher.Remote, ["+refs/heads/*:refs/remotes/origin/*"], cancellationToken);
                break;
            }
            catch (GitException) when (attempt < 3)
            {
                // Another machine pushing while this one fetches can cut a fetch short; the next one sees a settled remote.
                await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), cancellationToken);
            }
        }

        foreach (var branch in branches.Distinct(StringComparer.Ordinal))
        {
            var pushed = await Git.TryResolveCommitAsync($"refs/remotes/origin/{branch}", cancellationToken);
            if (pushed is null)
            {
                continue;
            }

            if (await Git.WorktreeOfBranchAsync(branch, cancellationToken) is { } worktree)
            {
                var local = await Git.TryResolveCommitAsync($"refs/heads/{branch}", cancellationToken);
                if (local != pushed && local is not null && await Git.IsAncestorAsync(local, pushed, cancellationToken))
                {
                    await Git.FastForwardAsync(worktree, pushed, cancellationToken);
                }

                continue;
            }

            await Git.FetchAsync(RemotePublisher.Remote, [$"+refs/heads/{branch}:refs/heads/{branch}"], cancellationToken);
        }
    }

    /// <summary>Pushes a task branch under the clone's lock: a push updates the clone's remote-tracking refs, which a fetch of another slot must not race.</summary>
    public async Task PushAsync(string branch, CancellationToken cancellationToken)
    {
        await using var held = await RepositoryLock.AcquireAsync(_lockFile, cancellationToken);
        await Git.PushAsync(RemotePublisher.Remote, branch, cancellationToken);
    }

    /// <summary>The run's plan, read from its base commit (the plan is committed; the coordinator checked): every worker reads the same plan.</summary>
    public async Task<Plan> PlanAsync(RunSnapshot run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var info = run.Info;
        var folder = Path.Combine(PlansFolder, WorkspaceNames.SanitizeComponent(run.Id));
        await using (await RepositoryLock.AcquireAsync(_lockFile, cancellationToken))
        {
            if (!File.Exists(Path.Combine(folder, ".git")))
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                await Git.PruneWorktreesAsync(cancellationToken);
                Directory.CreateDirectory(PlansFolder);
                await Git.AddDetachedWorktreeAsync(folder, info.BaseCommit, cancellationToken);

                // The engine's detached add leaves the checkout to its caller.
                await Git.ResetHardAsync(folder, info.BaseCommit, cancellationToken);
            }
        }

        var relative = Path.GetRelativePath(info.Repository, info.PlanFile);
        return PlanLoader.Load(Path.Combine(folder, relative), new PlanLoadOptions { AgentOverride = info.Agent });
    }

    public ValueTask DisposeAsync() => Session.DisposeAsync();

    /// <summary>A readable, collision-free folder name for a remote: its last path part and a hash of the whole URL.</summary>
    private static string Folder(string remote)
    {
        var tail = remote.TrimEnd('/', '\\').Split('/', '\\', ':').LastOrDefault(part => part.Length > 0) ?? "remote";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remote)))[..8];
        return $"{WorkspaceNames.SanitizeComponent(tail.EndsWith(".git", StringComparison.Ordinal) ? tail[..^4] : tail)}-{hash}";
    }
}
