using System.CommandLine;

using Fanout.Core;
using Fanout.Distributed;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Cli.Commands;

internal static class MergeCommand
{
    public static Command Create(FanoutHost host)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var repo = CommonOptions.Repo();
        var db = CommonOptions.Db();
        var into = new Option<string?>("--into") { Description = "Then fast-forward (or merge) this branch to the result, only when safe", HelpName = "BRANCH" };
        var testEach = new Option<bool>("--test-each") { Description = "Run the plan's test command after every merge; a merge that breaks it is taken back" };
        var testOnce = new Option<bool>("--test-once") { Description = "Run the plan's test command once, after all merges (the default)" };
        var partial = new Option<bool>("--partial") { Description = "With --into: land the tasks that merged with passing tests even when others failed or conflicted, and name the ones left out" };
        var json = CommonOptions.Json("Print one JSON object per event instead of lines");
        var command = new Command("merge", "Merge a run's successful tasks, in dependency order, into its integration branch fanout/<run>/integration")
        {
            run, repo, db, into, partial, testEach, testOnce, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(testEach) && parse.GetValue(testOnce))
            {
                throw new UserInputException("--test-each and --test-once exclude each other; give one");
            }

            if (parse.GetValue(partial) && parse.GetValue(into) is null)
            {
                throw new UserInputException("--partial says what to land on the --into branch; give --into BRANCH too");
            }

            var console = host.Console;
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken, db);
            if (session.Database is not null)
            {
                // The workers pushed the task branches to the run's remote; the merge works on local branches.
                await RunBranches.FetchAsync(session, parse.GetValue(run), cancellationToken);
            }
            var request = new MergeRequest
            {
                RunId = parse.GetValue(run),
                Into = parse.GetValue(into),
                Partial = parse.GetValue(partial),
                Test = parse.GetValue(testEach) ? MergeTestMode.Each : parse.GetValue(testOnce) ? MergeTestMode.Once : null,
            };
            // The merge queue's events are few and short: lines, not the live dashboard.
            var report = await EventStream.RenderAsync(
                Renderers.Create(console, host.Time, parse.GetValue(json), plain: true),
                live => MergeLauncher.MergeAsync(session, request, live, cancellationToken));
            if (!parse.GetValue(json))
            {
                MergeReportWriter.Write(console.Out, report.RunId, report.Report);
            }

            if (report.Report.IntoRefused is { } refused)
            {
                await console.Error.WriteLineAsync($"fanout: {refused}");
                return ExitCodes.BadInput;
            }

            return report.Report.Succeeded ? ExitCodes.Success : ExitCodes.TaskFailed;
        });
        return command;
    }
}
