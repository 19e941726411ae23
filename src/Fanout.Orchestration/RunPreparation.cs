using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Orchestration;

/// <summary>Every check a run needs, done before anything is created, so a refused run leaves nothing behind.</summary>
public static class RunPreparation
{
    public static async Task<PreparedRun> PrepareAsync(FanoutSession session, RunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrackerLatency < TimeSpan.Zero)
        {
            throw new UserInputException($"--tracker-latency cannot be negative (got {options.TrackerLatency})");
        }

        var plan = PlanLoader.Load(options.PlanPath, new PlanLoadOptions { AgentOverride = options.Agent, RepositoryRoot = session.Paths.Root });
        var tracker = await session.Trackers.ChooseAsync(plan, options.Tracker, cancellationToken);
        if (options.PullRequests && tracker.GitHub is null)
        {
            throw new UserInputException("--pr opens pull requests on GitHub; use it with 'tracker: github' or --tracker github");
        }

        var baseRef = plan.Base ?? await session.Git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
        var baseCommit = await Preflight.CheckAsync(session, plan, tracker, baseRef, cancellationToken);
        var maxParallel = options.MaxParallel ?? plan.MaxParallel ?? plan.Tasks.Count;
        if (maxParallel < 1)
        {
            throw new UserInputException($"--max-parallel must be at least 1 (got {maxParallel})");
        }

        var run = new RunIdentity(options.RunId ?? RunIds.New(), baseRef, baseCommit);
        return new PreparedRun(run, plan, options.Strategy, Math.Min(maxParallel, Math.Max(1, plan.Tasks.Count)))
        {
            Tracker = tracker,
            AgentOverride = options.Agent,
            PullRequests = options.PullRequests,
            TrackerLatency = options.TrackerLatency,
            AskTimeout = options.AskTimeout,
        };
    }
}
