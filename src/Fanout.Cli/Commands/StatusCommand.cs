using System.CommandLine;

using Fanout.Orchestration;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var repo = CommonOptions.Repo();
        var json = CommonOptions.Json("Print one JSON object (run, metrics, tasks)");
        var command = new Command("status", "Show a run from the journal: every task's state, phase, issue and branch, and the run's metrics") { run, repo, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = await CommonOptions.LocateAsync(parse.GetValue(repo), cancellationToken);
            await using var journal = await CommonOptions.OpenJournalAsync(paths, cancellationToken);
            var snapshot = await CommonOptions.LoadRunAsync(journal, parse.GetValue(run), paths, cancellationToken);
            var status = StatusBuilder.Build(snapshot, time.GetUtcNow());
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(status.ToJson());
            }
            else
            {
                RunSummary.Write(console.Out, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
