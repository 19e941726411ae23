using System.CommandLine;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class LogsCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(FanoutHost host)
    {
        var task = new Argument<string>("TASK") { Description = "The task id" };
        var run = CommonOptions.Run();
        var repo = CommonOptions.Repo();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing what is appended until the task reaches a final state (or Ctrl+C)" };
        var command = new Command("logs", "Print a task's log: its setup, agent and test output") { task, run, repo, follow };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (console, time) = (host.Console, host.Time);
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken);
            var snapshot = await session.LoadRunAsync(parse.GetValue(run), cancellationToken);
            var journal = await session.JournalAsync(cancellationToken);
            var paths = session.Paths;
            var id = parse.GetValue(task)!;
            if (snapshot.Tasks.All(t => t.Id != id))
            {
                throw new UserInputException($"run {snapshot.Id} has no task '{id}'; its tasks: {string.Join(", ", snapshot.Tasks.Select(t => t.Id))}");
            }

            var file = paths.LogFile(snapshot.Id, id);
            if (parse.GetValue(follow))
            {
                // A task that has not started yet has no log: wait for it rather than refuse.
                await new LogTail(file, console.Out).FollowAsync(
                    async token => await journal.LoadRunAsync(snapshot.Id, token) is not { } now
                        || now.State != RunState.Running
                        || now.Tasks.Single(t => t.Id == id).State.IsFinal(),
                    PollInterval,
                    time,
                    cancellationToken);
                return ExitCodes.Success;
            }

            if (!File.Exists(file))
            {
                throw new UserInputException($"task '{id}' of run {snapshot.Id} has no log yet ({file}); 'fanout logs {id} -f' waits for it");
            }

            await console.Out.WriteAsync(await File.ReadAllTextAsync(file, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }
}
