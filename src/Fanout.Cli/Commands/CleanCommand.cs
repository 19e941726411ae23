using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration.Cleanup;
using Fanout.Orchestration.Session;
using Fanout.Reporting.Json;

namespace Fanout.Cli.Commands;

internal static class CleanCommand
{
    public static Command Create(FanoutHost host)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Also remove worktrees with uncommitted changes and branches with unmerged commits" };
        var repo = CommonOptions.Repo();
        var json = CommonOptions.Json("Print what was cleaned and kept as one JSON object (docs/json.md)");
        var command = new Command("clean", "Remove a finished run's worktrees (its integration worktree too), and branches that are merged (into the base, or where --into landed them) or hold no commits; refuse anything that would lose work") { run, force, repo, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var snapshot = await session.LoadRunAsync(parse.GetValue(run), cancellationToken);
            var journal = await session.JournalAsync(cancellationToken);
            var reports = await new RunCleaner(session, journal).CleanAsync(snapshot, parse.GetValue(force), cancellationToken);
            var output = host.Console.Out;
            var refused = reports.Count(r => r.Refused);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(CommandJson.Serialize(new CleanJson(snapshot.Id, reports.Select(JsonDocuments.Cleaned).ToArray(), reports.Count - refused, refused)));
                return refused == 0 ? ExitCodes.Success : ExitCodes.TaskFailed;
            }

            foreach (var report in reports)
            {
                output.WriteLine(report.Refused
                    ? $"kept    {report.TaskId}: {report.Result.Refused}; commit or merge it, or 'fanout clean {snapshot.Id} --force'"
                    : $"cleaned {report.TaskId}: {RunCleaner.Describe(report.Result)}");
            }

            output.WriteLine($"run {snapshot.Id}: cleaned {reports.Count - refused} task(s), kept {refused}");
            return refused == 0 ? ExitCodes.Success : ExitCodes.TaskFailed;
        });
        return command;
    }
}
