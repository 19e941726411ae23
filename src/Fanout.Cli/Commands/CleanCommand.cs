using System.CommandLine;

using Fanout.Core;
using Fanout.Orchestration;
using Fanout.Orchestration.Cleanup;
using Fanout.Processes;

namespace Fanout.Cli.Commands;

internal static class CleanCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Also remove worktrees with uncommitted changes and branches with unmerged commits" };
        var repo = CommonOptions.Repo();
        var command = new Command("clean", "Remove a finished run's worktrees, and branches that are merged or hold no commits; refuse anything that would lose work") { run, force, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = await CommonOptions.LocateAsync(parse.GetValue(repo), cancellationToken);
            await using var journal = await CommonOptions.OpenJournalAsync(paths, cancellationToken);
            var snapshot = await CommonOptions.LoadRunAsync(journal, parse.GetValue(run), paths, cancellationToken);
            var reports = await new RunCleaner(paths, journal, ProcessRunner.Instance, time).CleanAsync(snapshot, parse.GetValue(force), cancellationToken);
            foreach (var report in reports)
            {
                console.Out.WriteLine(report.Refused
                    ? $"kept    {report.TaskId}: {report.Result.Refused}; commit or merge it, or 'fanout clean {snapshot.Id} --force'"
                    : $"cleaned {report.TaskId}: {RunCleaner.Describe(report.Result)}");
            }

            var refused = reports.Count(r => r.Refused);
            console.Out.WriteLine($"run {snapshot.Id}: cleaned {reports.Count - refused} task(s), kept {refused}");
            return refused == 0 ? ExitCodes.Success : ExitCodes.TaskFailed;
        });
        return command;
    }
}
