using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Feeding;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Planning;

/// <summary>What <c>fanout run --goal</c> was asked.</summary>
public sealed record GoalRunOptions(string Goal)
{
    /// <summary>At most this many task workers at once when neither the flag nor the project's plan says.</summary>
    public const int DefaultMaxParallel = 16;

    /// <summary>Pooled worktrees warmed while the planner thinks, unless the pool already keeps a target.</summary>
    public const int DefaultWarm = 4;

    public string? RepositoryDirectory { get; init; }

    /// <summary>The planning agent: <c>claude</c>, or a name under the project's <c>agents:</c>.</summary>
    public string Planner { get; init; } = "claude";

    /// <summary>The agent of every task, overriding the project's default.</summary>
    public string? Agent { get; init; }

    public string? Tracker { get; init; }

    public int? MaxParallel { get; init; }

    /// <summary>Worktrees to have in the pool by the time tasks come; null takes the pool's own target, else <see cref="DefaultWarm"/>.</summary>
    public int? Warm { get; init; }

    public IReadOnlyList<string> Context { get; init; } = [];

    public int Attempts { get; init; } = 3;

    public string? RunId { get; init; }

    public TimeSpan AskTimeout { get; init; } = TaskEndpoint.DefaultAskTimeout;
}

/// <summary>A goal run checked before anything is created: the run, the defaults its plan gets, its planner.</summary>
public sealed record PreparedGoalRun(PreparedRun Run, PlanningDefaults Defaults, PlannerAgent Planner, GoalRunOptions Options)
{
    /// <summary>Where the plan the planner wrote is kept when planning ends.</summary>
    public string PlanFile => Run.Plan.SourceFile;
}

/// <summary>
/// <c>fanout run --goal GOAL</c>, predictive spawning: the planner writes while the run runs. Each task
/// the plan loader accepts goes onto the run's <see cref="TaskFeed"/> at once; an invalid one goes back
/// to the planner with the loader's errors, a bounded number of times.
/// </summary>
public static class GoalRun
{
    public static async Task<PreparedGoalRun> PrepareAsync(FanoutSession session, GoalRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Goal))
        {
            throw new UserInputException("--goal is empty; say what the tasks should achieve, e.g. --goal \"Add a login page\"");
        }

        MissingContext(options.Context);
        var branch = await session.Git.CurrentBranchAsync(cancellationToken) ?? "HEAD";
        var defaults = PlanningDefaults.Read(session.Paths.Root, branch, new PlanLoadOptions { AgentOverride = options.Agent });
        var planner = PlannerAgent.Resolve(options.Planner, defaults.Plan);
        var tracker = await session.Trackers.ChooseAsync(defaults.Plan, options.Tracker, cancellationToken);
        var baseRef = defaults.Plan.Base ?? branch;
        var baseCommit = await session.Git.TryResolveCommitAsync(baseRef + "^{commit}", cancellationToken)
            ?? throw new UserInputException($"base '{baseRef}' does not name a commit in {session.Paths.Root}; set 'base:' in fanout.yaml to an existing branch");
        var maxParallel = options.MaxParallel ?? defaults.Plan.MaxParallel ?? GoalRunOptions.DefaultMaxParallel;
        if (maxParallel < 1)
        {
            throw new UserInputException($"--max-parallel must be at least 1 (got {maxParallel})");
        }

        var id = options.RunId ?? RunIds.New();
        var plan = defaults.Plan with { Name = PlanYaml.NameOf(options.Goal), SourceFile = Path.Combine(session.Paths.RunDir(id), "plan.yaml") };
        var run = new PreparedRun(new RunIdentity(id, baseRef, baseCommit), plan, SetupStrategy.Overlap, maxParallel)
        {
            Tracker = tracker,
            AskTimeout = options.AskTimeout,
        };
        return new PreparedGoalRun(run, defaults, planner, options);
    }

    public static async Task<RunOutcome> RunAsync(FanoutSession session, PreparedGoalRun goal, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(goal);
        var feed = new TaskFeed(goal.Options.Goal, goal.Planner.Name);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var planning = Task.Run(() => PlanAsync(session, goal, feed, stop.Token), CancellationToken.None);
        var warm = goal.Options.Warm ?? (session.Pool.Settings.Target > 0 ? session.Pool.Settings.Target : GoalRunOptions.DefaultWarm);
        try
        {
            return await RunLauncher.LaunchAsync(session, goal.Run, live, context => new FeedOrchestrator(context, feed) { Warm = warm }.RunAsync(cancellationToken), cancellationToken);
        }
        finally
        {
            // A run that ended without its planner (its tracker or lock refused it) stops the planner too.
            if (!planning.IsCompleted)
            {
                await stop.CancelAsync();
            }

            await planning;
        }
    }

    /// <summary>The planner's side: attempts until every task is taken or the attempts are used up; always completes the feed.</summary>
    private static async Task PlanAsync(FanoutSession session, PreparedGoalRun goal, TaskFeed feed, CancellationToken cancellationToken)
    {
        var request = new PlanningRequest(goal.Options.Goal, session.Paths.Root) { Context = goal.Options.Context, Attempts = goal.Options.Attempts };
        var intake = new TaskIntake(goal.Defaults, goal.PlanFile, goal.Run.Plan.Name, request.Goal, session.Time, new PlanLoadOptions { AgentOverride = goal.Options.Agent });
        var folder = Path.Combine(Path.GetDirectoryName(goal.PlanFile)!, "planner");
        void Offer(PlannedTask task)
        {
            foreach (var (plan, accepted) in intake.Offer(task))
            {
                feed.Add(plan, accepted, session.Time.GetUtcNow());
            }
        }

        var withdrawn = new SortedSet<string>(StringComparer.Ordinal);
        string? failure = null;
        try
        {
            PlanningFeedback? feedback = null;
            for (var attempt = 1; attempt <= Math.Max(1, request.Attempts); attempt++)
            {
                var answer = await PlannerRun.RunAsync(goal.Planner, session.Runner, request, feedback, folder, attempt, Offer, cancellationToken);
                foreach (var task in answer.Answer ?? [])
                {
                    Offer(task);
                }

                if (attempt == 1 && answer.Answer is { } final)
                {
                    withdrawn.UnionWith(intake.Accepted.Select(t => t.Id).Except(final.Select(t => t.Id)));
                }

                foreach (var (plan, accepted) in intake.Finish())
                {
                    feed.Add(plan, accepted, session.Time.GetUtcNow());
                }

                failure = intake.Accepted.Count == 0 ? answer.Failure : null;
                feedback = intake.Feedback();
                if (feedback is null || failure is not null)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            feed.Complete(new FeedResult(PhaseOutcome.Cancelled));
            return;
        }
#pragma warning disable CA1031 // Whatever stopped the planner is journaled as its failure; started tasks go on.
        catch (Exception error)
#pragma warning restore CA1031
        {
            failure = error.Message;
        }

        await WritePlanAsync(goal.PlanFile, intake.Text);
        feed.Complete(Result(intake, withdrawn, failure));
    }

    private static FeedResult Result(TaskIntake intake, IReadOnlyCollection<string> withdrawn, string? failure)
    {
        var notes = new List<string>();
        if (failure is not null)
        {
            notes.Add(failure);
        }

        if (intake.Refused.Count > 0)
        {
            notes.Add($"refused: {string.Join("; ", intake.Refused.Select(r => $"{r.Key} ({(r.Value.Count > 0 ? r.Value[0] : "refused")})"))}");
        }

        if (intake.Revised.Count > 0)
        {
            notes.Add($"revised after it started, kept as first given: {string.Join(", ", intake.Revised)}");
        }

        if (withdrawn.Count > 0)
        {
            notes.Add($"withdrawn after it started, kept running: {string.Join(", ", withdrawn)}");
        }

        var outcome = failure is null && intake.Refused.Count == 0 ? PhaseOutcome.Succeeded : PhaseOutcome.Failed;
        return new FeedResult(outcome, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private static async Task WritePlanAsync(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, text, CancellationToken.None);
    }

    private static void MissingContext(IReadOnlyList<string> files)
    {
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new UserInputException($"--context '{missing}' not found; give a file whose text the planner should read");
        }
    }
}
