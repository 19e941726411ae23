using System.CommandLine;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Reporting;

namespace Fanout.Cli.Commands;

internal static class StatusCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(FanoutHost host)
    {
        var run = new Argument<string?>("RUN") { Description = "A run id (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var repo = CommonOptions.Repo();
        var db = CommonOptions.Db();
        var json = CommonOptions.Json("Print one JSON object (run, metrics, tasks); with --watch, one JSON event per line");
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the run from its journal (it may run in another process) until it finishes; exits with its exit code" };
        var plain = Renderers.PlainOption();
        var command = new Command("status", "Show a run from the journal: every task's state, phase, issue and branch, and the run's metrics") { run, repo, db, json, watch, plain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (console, time) = (host.Console, host.Time);
            await using var session = await CommonOptions.SessionAsync(host, parse, repo, cancellationToken, db);
            var snapshot = await session.LoadRunAsync(parse.GetValue(run), cancellationToken);
            if (parse.GetValue(watch))
            {
                if (snapshot.State != RunState.Interrupted)
                {
                    var renderer = Renderers.Create(console, time, parse.GetValue(json), parse.GetValue(plain));
                    var id = snapshot.Id;
                    await Renderers.DrainAsync(renderer, JournalFollower.FollowAsync(await session.JournalAsync(cancellationToken), id, PollInterval, time, cancellationToken, token => session.IsAliveAsync(id, token)));
                    snapshot = await session.LoadRunAsync(id, cancellationToken);
                }

                if (!parse.GetValue(json))
                {
                    await console.Out.WriteLineAsync();
                    RunSummary.Write(console.Out, StatusBuilder.Build(snapshot, time.GetUtcNow()));
                }

                if (snapshot.State == RunState.Interrupted)
                {
                    await console.Error.WriteLineAsync($"fanout: run {snapshot.Id} was interrupted (last heard from {snapshot.InterruptedAt:u}); its process is gone. Continue it with: fanout resume {snapshot.Id}");
                    return ExitCodes.TaskFailed;
                }

                return snapshot.ExitCode ?? ExitCodes.Success;
            }

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
