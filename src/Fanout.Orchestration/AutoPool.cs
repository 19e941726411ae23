using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>
/// <c>pool: auto</c>: the warm pool kept at the size of the last run without anyone thinking about
/// it, within a disk budget, refilled in the background after each run and while a planner thinks.
/// The first run of the day is the only cold one.
/// </summary>
public static class AutoPool
{
    /// <summary>The pool never takes more than this share of the free space on the worktrees' disk.</summary>
    public const double FreeSpaceShare = 0.25;

    /// <summary>
    /// What a <c>pool: auto</c> run refills to: one worktree per task of the run that takes a full
    /// checkout (sparse ones never claim), at the run's base, within the stored disk bound and a
    /// quarter of the free space.
    /// </summary>
    public static PoolSettings For(Plan plan, string baseRef, PoolSettings stored, long? freeBytes)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stored);
        var full = plan.Tasks.Count(t => plan.SettingsOf(t).Sparse is null);
        var budget = freeBytes is { } free ? Math.Min(stored.MaxDiskMB, Math.Max(1, (long)(free * FreeSpaceShare / (1024 * 1024)))) : stored.MaxDiskMB;
        return new PoolSettings(Math.Min(full, PoolSettings.MaxCount), baseRef, budget);
    }

    /// <summary>The refill the run's workspace provider does after its worktrees exist: null leaves the pool as <c>fanout pool warm</c> set it.</summary>
    public static PoolSettings? RefillFor(FanoutSession session, PreparedRun prepared)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);
        return prepared.Plan.Pool == PoolMode.Auto
            ? For(prepared.Plan, prepared.Run.BaseRef, session.Pool.Settings, FreeBytes(session.Paths.WorktreeRoot))
            : null;
    }

    /// <summary>
    /// Starts refilling the pool to the size its last <c>pool: auto</c> run left, at
    /// <paramref name="baseRef"/> (the current branch when null), and returns at once: the planning path
    /// calls it before the planner thinks, so the worktrees are ready when its tasks arrive. False
    /// when no <c>pool: auto</c> run left a size, the base names no commit, or a refill is under way.
    /// </summary>
    public static async Task<bool> StartRefillAsync(FanoutSession session, string? baseRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stored = session.Pool.Settings;
        var name = baseRef ?? stored.Base ?? await session.Git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
        if (stored.Target == 0 || await session.Git.TryResolveCommitAsync(name, cancellationToken) is not { } commit)
        {
            return false;
        }

        var budget = FreeBytes(session.Paths.WorktreeRoot) is { } free ? Math.Min(stored.MaxDiskMB, Math.Max(1, (long)(free * FreeSpaceShare / (1024 * 1024)))) : stored.MaxDiskMB;
        return session.Pool.StartRefill(stored with { Base = name, MaxDiskMB = budget }, commit);
    }

    /// <summary>Free bytes on the disk that holds <paramref name="folder"/> (or its nearest existing parent); null when unknown.</summary>
    public static long? FreeBytes(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        try
        {
            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
