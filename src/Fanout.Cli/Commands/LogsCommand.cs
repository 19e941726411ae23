using System.CommandLine;

using Fanout.Orchestration;

namespace Fanout.Cli.Commands;

internal static class LogsCommand
{
    public static Command Create(CliConsole console)
    {
        var task = new Argument<string>("TASK") { Description = "The task id" };
        var run = CommonOptions.Run();
        var repo = CommonOptions.Repo();
        var command = new Command("logs", "Print a task's log: its setup, agent and test output") { task, run, repo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = await CommonOptions.LocateAsync(parse.GetValue(repo), cancellationToken);
            await using var journal = await CommonOptions.OpenJournalAsync(paths, cancellationToken);
            var snapshot = await CommonOptions.LoadRunAsync(journal, parse.GetValue(run), paths, cancellationToken);
            var id = parse.GetValue(task)!;
            if (snapshot.Tasks.All(t => t.Id != id))
            {
                throw new CliInputException($"run {snapshot.Id} has no task '{id}'; its tasks: {string.Join(", ", snapshot.Tasks.Select(t => t.Id))}");
            }

            var file = paths.LogFile(snapshot.Id, id);
            if (!File.Exists(file))
            {
                throw new CliInputException($"task '{id}' of run {snapshot.Id} has no log yet ({file})");
            }

            await console.Out.WriteAsync(await File.ReadAllTextAsync(file, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }
}
