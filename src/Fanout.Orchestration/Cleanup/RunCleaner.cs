using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Cleanup;

/// <summary>One task's line in a clean: what went, or why it was kept.</summary>
public sealed record TaskCleanReport(string TaskId, CleanResult Result)
{
    public bool Refused => Result.Refused is not null;
}

/// <summary>
/// <c>fanout clean</c>: removes the worktrees of a finished run's tasks, deletes branches that hold
/// nothing of their own or are merged into the base, releases port blocks, and journals each task
/// as cleaned. Anything that would lose work is refused and listed unless forced.
/// </summary>
public sealed class RunCleaner(FanoutSession session, IJournal journal)
{
    public async Task<IReadOnlyList<TaskCleanReport>> CleanAsync(RunSnapshot run, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var paths = session.Paths;
        var runLock = paths.RunLockFile(run.Id);
        await using (var probe = File.Exists(runLock) ? await RepositoryLock.TryAcquireAsync(runLock, cancellationToken) : null)
        {
            if (probe is null && File.Exists(runLock))
            {
                throw new UserInputException($"run {run.Id} is still running; wait for it to finish (or stop it with Ctrl+C) before cleaning");
            }
        }

        var cleaner = session.Cleaner;
        var ports = PortAllocator.For(paths);
        var reports = new List<TaskCleanReport>();
        // What a task was about to get counts too: a crash or Ctrl+C may have made it without the journal hearing back.
        foreach (var task in run.Tasks.Where(t => t.State != TaskState.Cleaned && (t.Worktree ?? t.Branch ?? t.IntendedWorktree ?? t.IntendedBranch) is not null))
        {
            var result = await cleaner.CleanAsync(task.Worktree ?? task.IntendedWorktree, task.Branch ?? task.IntendedBranch, run.Info.BaseRef, run.Info.BaseCommit, force, cancellationToken, landedInto: run.LandedInto);
            reports.Add(new TaskCleanReport(task.Id, result));
            if (result.Refused is not null)
            {
                continue;
            }

            var owner = EnvironmentPreparer.Owner(run.Id, task.Id);
            await ports.ReleaseAsync(b => b.Owner == owner, cancellationToken);
            await journal.AppendAsync(new TaskStateChanged(run.Id, session.Time.GetUtcNow(), task.Id, TaskState.Cleaned, Describe(result)), cancellationToken);
        }

        if (await CleanIntegrationAsync(run, force, cancellationToken) is { } integration)
        {
            reports.Add(integration);
        }

        return reports;
    }

    /// <summary>The id the integration worktree is reported under; no task id starts with '_'.</summary>
    public const string Integration = "_integration";

    /// <summary>
    /// The run's integration worktree: removed unless it holds uncommitted changes (then only with
    /// force). Its branch is the merge result and stays until it is landed or merged into the base.
    /// </summary>
    private async Task<TaskCleanReport?> CleanIntegrationAsync(RunSnapshot run, bool force, CancellationToken cancellationToken)
    {
        var worktree = Merging.MergeSetup.IntegrationWorktreeOf(session.Paths, run.Id);
        var branch = WorkspaceNames.Branch(run.Id, "integration");
        var hasBranch = await session.Git.TryResolveCommitAsync("refs/heads/" + branch, cancellationToken) is not null;
        if (!Directory.Exists(worktree) && !hasBranch)
        {
            return null;
        }

        var result = await session.Cleaner.CleanAsync(worktree, null, run.Info.BaseRef, run.Info.BaseCommit, force, cancellationToken);
        if (result.Refused is null && hasBranch)
        {
            var landed = await session.Cleaner.CleanAsync(null, branch, run.Info.BaseRef, run.Info.BaseCommit, force: false, cancellationToken, landedInto: run.LandedInto);
            result = result with
            {
                Inspection = landed.Inspection with { Worktree = result.Inspection.Worktree, WorktreeExists = result.Inspection.WorktreeExists },
                BranchDeleted = landed.BranchDeleted,
            };
        }

        return new TaskCleanReport(Integration, result);
    }

    public static string Describe(CleanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inspection = result.Inspection;
        var worktree = result.WorktreeRemoved ? $"removed worktree {inspection.Worktree}" : "no worktree left";
        var branch = result.BranchDeleted ? $"deleted branch {inspection.Branch}"
            : inspection.BranchState == BranchState.Missing ? "no branch left"
            : $"kept branch {inspection.Branch} ({Kept(inspection.BranchState)})";
        return $"{worktree}; {branch}";
    }

    private static string Kept(BranchState state) => state switch
    {
        BranchState.MergedElsewhere => "merged into another branch, not into the base",
        _ => "not merged",
    };
}
