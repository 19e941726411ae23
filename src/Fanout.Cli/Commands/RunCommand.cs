using System.CommandLine;
using System.Threading.Channels;

using Fanout.Core;
using Fanout.Distributed;
using Fanout.Orchestration;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(FanoutHost host)
    {
        var plan = new Argument<string>("PLAN") { Description = "fanout.yaml, a Contextune .parallel/plans/plan.yaml, or a folder holding one" };
        var repo = CommonOptions.Repo();
        var db = CommonOptions.Db();
        var strategy = new Option<string>("--strategy") { Description = "How tasks are set up: overlap (default), issue-first or sequential", DefaultValueFactory = _ => "overlap" };
        strategy.AcceptOnlyFromAmong("overlap", "issue-first", "sequential");
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many task workers at once (default: all tasks)", HelpName = "N" };
        maxParallel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--max-parallel must be at least 1");
            }
        });
        var agent = new Option<string?>("--agent") { Description = "Use this agent (a preset or a name under 'agents:') for every task", HelpName = "NAME" };
        var json = CommonOptions.Json("Print one JSON object per event instead of lines");
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and print what would be created; create nothing" };
        var merge = new Option<bool>("--merge") { Description = "Merge each task as it finishes, in dependency order, into fanout/<run>/integration" };
        var plain = Renderers.PlainOption();
        var tracker = CommonOptions.Tracker();
        var pullRequests = new Option<bool>("--pr") { Description = "Push each verified branch and open a pull request that closes its issue (GitHub), instead of closing the issue" };
        var trackerLatency = TrackerLatencyOption();
        var command = new Command("run", "Run a plan: every task gets an issue, a worktree, an environment and an agent, all at once")
        {
            plan, repo, db, strategy, maxParallel, agent, json, dryRun, plain, tracker, pullRequests, merge, trackerLatency,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = SetupStrategies.Parse(parse.GetValue(strategy)!);
            var options = new RunOptions(parse.GetValue(plan)!)
            {
                RepositoryDirectory = parse.GetValue(repo),
                Strategy = chosen,
                MaxParallel = parse.GetValue(maxParallel),
                Agent = parse.GetValue(agent),
                Tracker = parse.GetValue(tracker),
                PullRequests = parse.GetValue(pullRequests),
                TrackerLatency = parse.GetValue(trackerLatency) is { } latency && Durations.TryParse(latency, out var delay) ? delay : TimeSpan.Zero,
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

    private static Option<string?> TrackerLatencyOption()
    {
        var option = new Option<string?>("--tracker-latency") { Description = "Add this delay to every tracker request, to rehearse a slow tracker (e.g. 3s, 500ms)", HelpName = "DURATION" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !Durations.TryParse(text, out _))
            {
                r.AddError($"--tracker-latency: '{text}' is not a duration; write e.g. 3s, 500ms, 1.5s or 2m");
            }
        });
        return option;
    }

    /// <summary>Runs a prepared plan with the single console writer fed by the run's events.</summary>
    public static async Task<int> ExecuteAsync(FanoutSession session, PreparedRun prepared, bool json, CancellationToken cancellationToken, bool plain = false, Resumption? resume = null)
    {
        var console = session.Console;
        var outcome = await EventStream.RenderAsync(
            Renderers.Create(console, session.Time, json, plain),
            live => session.Database is not null && resume is null
                ? DistributedLauncher.LaunchAsync(session, prepared, live, cancellationToken)
                : RunLauncher.LaunchAsync(session, prepared, live, cancellationToken, resume));

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
