using System.CommandLine;
using System.Threading.Channels;

using Fanout.Core;
using Fanout.Distributed;
using Fanout.Orchestration;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;
using Fanout.Planning;
using Fanout.Plans;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(FanoutHost host)
    {
        var plan = CommonOptions.PlanArgument();
        var goal = GoalOptions.Create();
        var repo = CommonOptions.Repo();
        var db = CommonOptions.Db();
        var strategy = new Option<string>("--strategy") { Description = "How tasks are set up: overlap (default), issue-first or sequential", DefaultValueFactory = _ => "overlap" };
        strategy.AcceptOnlyFromAmong("overlap", "issue-first", "sequential");
        var maxParallel = NumberOptions.Whole("--max-parallel", 1, InputNumbers.MaxParallel, "At most this many task workers at once (default: all tasks)", "N");
        var agent = new Option<string?>("--agent") { Description = "Use this agent (a preset or a name under 'agents:') for every task", HelpName = "NAME" };
        var json = CommonOptions.Json("Print one JSON object per event instead of lines");
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and print what would be created; create nothing" };
        var merge = new Option<bool>("--merge") { Description = "Merge each task as it finishes, in dependency order, into fanout/<run>/integration" };
        var plain = Renderers.PlainOption();
        var tracker = CommonOptions.Tracker();
        var pullRequests = new Option<bool>("--pr") { Description = "Push each verified branch and open a pull request that closes its issue (GitHub), instead of closing the issue" };
        var trackerLatency = NumberOptions.Duration("--tracker-latency", TimeSpan.Zero, MaxTrackerLatency, "Add this delay to every tracker request, to rehearse a slow tracker (e.g. 3s, 500ms)");
        var command = new Command("run", "Run a plan: every task gets an issue, a worktree, an environment and an agent, all at once")
        {
            plan, repo, db, strategy, maxParallel, agent, json, dryRun, plain, tracker, pullRequests, merge, trackerLatency, goal.Goal, goal.Planner, goal.Warm, goal.Context, goal.AskTimeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(goal.Goal) is { } text)
            {
                goal.Refuse(parse, plan, strategy, dryRun, merge, pullRequests);
                if (CommonOptions.WithDatabase(host, parse, db).DatabaseConnection is not null)
                {
                    // Workers read the plan from the base commit; a goal's plan is written as the run goes.
                    throw new UserInputException("--goal runs on this machine only; a run spread over machines (--db or FANOUT_DB) needs a committed plan: 'fanout plan GOAL', commit fanout.yaml, then 'fanout run fanout.yaml --db ...'");
                }

                await using var goalSession = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
                var planned = await GoalRun.PrepareAsync(goalSession, goal.Read(parse, text, agent, tracker, maxParallel), cancellationToken);
                return await ExecuteAsync(goalSession, live => GoalRun.RunAsync(goalSession, planned, live, cancellationToken), parse.GetValue(json), parse.GetValue(plain));
            }

            var chosen = SetupStrategies.Parse(parse.GetValue(strategy)!);
            var options = new RunOptions(CommonOptions.PlanPath(parse, plan, repo))
            {
                RepositoryDirectory = parse.GetValue(repo),
                Strategy = chosen,
                MaxParallel = parse.GetValue(maxParallel),
                Agent = parse.GetValue(agent),
                Tracker = parse.GetValue(tracker),
                PullRequests = parse.GetValue(pullRequests),
                TrackerLatency = parse.GetValue(trackerLatency) ?? TimeSpan.Zero,
                AskTimeout = McpCommand.AskTimeout(parse.GetValue(goal.AskTimeout)),
            };
            await using var session = await FanoutSession.OpenAsync(CommonOptions.WithDatabase(host, parse, db), options.Repository(), cancellationToken);
            var prepared = await RunPreparation.PrepareAsync(session, options, cancellationToken);
            prepared = parse.GetValue(merge) ? prepared with { Merge = LiveMerge.SettingsFor(prepared) } : prepared;
            if (parse.GetValue(dryRun))
            {
                DryRunReport.Write(host.Console.Out, session, prepared);
                return ExitCodes.Success;
            }

            return await ExecuteAsync(session, prepared, parse.GetValue(json), cancellationToken, parse.GetValue(plain));
        });
        return command;
    }

    /// <summary>Slower than any real tracker; the rehearsal of one, not a way to stall a run.</summary>
    private static readonly TimeSpan MaxTrackerLatency = TimeSpan.FromMinutes(5);

    /// <summary>Runs a prepared plan with the single console writer fed by the run's events.</summary>
    public static Task<int> ExecuteAsync(FanoutSession session, PreparedRun prepared, bool json, CancellationToken cancellationToken, bool plain = false, Resumption? resume = null) =>
        ExecuteAsync(
            session,
            live => session.Database is not null
                ? DistributedLauncher.LaunchAsync(session, prepared, live, cancellationToken, resume)
                : RunLauncher.LaunchAsync(session, prepared, live, cancellationToken, resume),
            json,
            plain);

    /// <summary>Runs whatever <paramref name="launch"/> starts, with the single console writer fed by its events, then prints the summary.</summary>
    public static async Task<int> ExecuteAsync(FanoutSession session, Func<ChannelWriter<Journal.RunEvent>, Task<RunOutcome>> launch, bool json, bool plain)
    {
        ArgumentNullException.ThrowIfNull(session);
        var console = session.Console;
        var outcome = await EventStream.RenderAsync(Renderers.Create(console, session.Time, json, plain), launch);

        if (!json)
        {
            var run = await session.LoadRunAsync(outcome.RunId, CancellationToken.None);
            console.Out.WriteLine();
            RunSummary.Write(console.Out, StatusBuilder.Build(run, session.Time.GetUtcNow()));
            if (outcome.Merge is { } merged)
            {
                MergeReportWriter.Write(console.Out, outcome.RunId, merged);
            }
        }

        return outcome.ExitCode;
    }
}
