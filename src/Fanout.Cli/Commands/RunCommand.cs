using System.CommandLine;
using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Merging;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var plan = new Argument<string>("PLAN") { Description = "fanout.yaml, a Contextune .parallel/plans/plan.yaml, or a folder holding one" };
        var repo = CommonOptions.Repo();
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
            plan, repo, strategy, maxParallel, agent, json, dryRun, plain, tracker, pullRequests, merge, trackerLatency,
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
            var prepared = await RunPreparation.PrepareAsync(options, ProcessRunner.Instance, cancellationToken);
            prepared = parse.GetValue(merge) ? prepared with { Merge = LiveMerge.SettingsFor(prepared) } : prepared;
            if (parse.GetValue(dryRun))
            {
                DryRunReport.Write(console.Out, prepared);
                return ExitCodes.Success;
            }

            return await ExecuteAsync(console, time, prepared, parse.GetValue(json), cancellationToken, parse.GetValue(plain));
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
    public static async Task<int> ExecuteAsync(CliConsole console, TimeProvider time, PreparedRun prepared, bool json, CancellationToken cancellationToken, bool plain = false)
    {
        var outcome = await EventStream.RenderAsync(
            Renderers.Create(console, time, json, plain),
            live => RunLauncher.LaunchAsync(prepared, time, live, cancellationToken));

        if (!json)
        {
            await using var journal = await SqliteJournal.OpenAsync(prepared.Paths.JournalFile, CancellationToken.None);
            var run = await CommonOptions.LoadRunAsync(journal, outcome.RunId, prepared.Paths, CancellationToken.None);
            console.Out.WriteLine();
            RunSummary.Write(console.Out, StatusBuilder.Build(run, time.GetUtcNow()));
            if (outcome.Merge is { } merged)
            {
                MergeReportWriter.Write(console.Out, outcome.RunId, merged);
            }
        }

        return outcome.ExitCode;
    }
}
