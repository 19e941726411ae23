using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Session;

/// <summary>
/// Tells a live run from one whose owner is gone. The owner holds the run's lock file for as long
/// as it lives (the kernel releases it when the process dies, however it dies) and renews a lease
/// in the journal every <see cref="RenewInterval"/>. On this machine a free lock is proof enough;
/// a run owned elsewhere is gone when its lease is older than <see cref="LeaseTimeout"/>.
/// </summary>
public static class RunLiveness
{
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>This machine's name in leases.</summary>
    public static string Host { get; } = Environment.MachineName;

    /// <summary>The run as it is now: a journaled <c>running</c> run whose owner is gone becomes <see cref="RunState.Interrupted"/>, ending when it was last heard from.</summary>
    /// <param name="byLeaseOnly">Judge by the lease alone, wherever its owner runs: a run in a shared database may be owned by any machine, and its lock file is not here.</param>
    public static async Task<RunSnapshot> JudgeAsync(RunSnapshot run, RepositoryPaths paths, DateTimeOffset now, CancellationToken cancellationToken, bool byLeaseOnly = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(paths);
        if (run.State != RunState.Running || await IsAliveAsync(run, paths, now, cancellationToken, byLeaseOnly))
        {
            return run;
        }

        return run with { State = RunState.Interrupted, EndedAt = run.HeardFromAt, InterruptedAt = run.HeardFromAt };
    }

    public static async Task<bool> IsAliveAsync(RunSnapshot run, RepositoryPaths paths, DateTimeOffset now, CancellationToken cancellationToken, bool byLeaseOnly = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(paths);
        if (run.Lease is { } lease && (lease.Host != Host || byLeaseOnly))
        {
            return now - lease.HeardAt < LeaseTimeout;
        }

        return await IsLockHeldAsync(paths.RunLockFile(run.Id), cancellationToken);
    }

    private static async Task<bool> IsLockHeldAsync(string lockFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(lockFile))
        {
            return false;
        }

        await using var probe = await RepositoryLock.TryAcquireAsync(lockFile, cancellationToken);
        return probe is null;
    }
}
