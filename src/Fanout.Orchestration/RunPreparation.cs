using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Every check a run needs, done before anything is created, so a refused run leaves nothing behind.</summary>
public static class RunPreparation
{
    public static async Task<PreparedRun> PrepareAsync(RunOptions options, IProcessRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrackerLatency < TimeSpan.Zero)
        {
            throw new UserInputException($"--tracker-latency cannot be negative (got {options.TrackerLatency})");
        }

        var plan = PlanLoader.Load(options.PlanPath, new PlanLoadOptions { AgentOverride = options.Agent });
        var repository = options.RepositoryDirectory ?? DefaultRepository(options.PlanPath);
        var paths = await RepositoryLocator.LocateAsync(repository, runner, cancellationToken);
        var tracker = await TrackerSelection.ResolveAsync(plan, options.Tracker, paths, runner, options.Environment, cancellationToken);
        if (options.PullRequests && tracker.GitHub is null)
        {
            throw new UserInputException("--pr opens pull requests on GitHub; use it with 'tracker: github' or --tracker github");
        }

        var git = new Git(paths.Root, runner);
        var baseRef = plan.Base ?? await git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
        var baseCommit = await git.TryResolveCommitAsync(baseRef + "^{commit}", cancellationToken)
            ?? throw new UserInputException($"{plan.SourceFile}: base '{baseRef}' does not name a commit in {paths.Root}; set 'base:' to an existing branch");
        var maxParallel = options.MaxParallel ?? plan.MaxParallel ?? plan.Tasks.Count;
        if (maxParallel < 1)
        {
            throw new UserInputException($"--max-parallel must be at least 1 (got {maxParallel})");
        }

        return new PreparedRun(options.RunId ?? RunIds.New(), plan, paths, baseRef, baseCommit, options.Strategy, Math.Min(maxParallel, Math.Max(1, plan.Tasks.Count)))
        {
            Tracker = tracker,
            PullRequests = options.PullRequests,
            TrackerLatency = options.TrackerLatency,
        };
    }

    /// <summary>The repository that holds the plan file, else the current directory.</summary>
    private static string DefaultRepository(string planPath)
    {
        var full = Path.GetFullPath(planPath);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        return folder is not null && Directory.Exists(folder) ? folder : Directory.GetCurrentDirectory();
    }
}
