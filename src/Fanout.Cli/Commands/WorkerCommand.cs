using System.CommandLine;

using Fanout.Core;
using Fanout.Distributed;
using Fanout.Orchestration.Session;

namespace Fanout.Cli.Commands;

/// <summary><c>fanout worker --db CONNSTRING [--slots N] [--name NAME] [--work-dir DIR]</c>: takes task jobs of runs started with <c>--db</c>.</summary>
internal static class WorkerCommand
{
    public static Command Create(FanoutHost host)
    {
        var db = CommonOptions.Db();
        var slots = new Option<int>("--slots") { Description = "Run at most this many tasks at once (default: 2)", HelpName = "N", DefaultValueFactory = _ => 2 };
        var name = new Option<string?>("--name") { Description = "The worker's name in the journal, status and report (default: <machine>-<pid>)", HelpName = "NAME" };
        var workDir = new Option<string?>("--work-dir") { Description = "Where the worker keeps its clones and task worktrees (default: ~/.cache/fanout/workers/<name>)", HelpName = "DIR" };
        var command = new Command("worker", "Take tasks of runs started with --db from the shared database, in this machine's own clone of the run's remote") { db, slots, name, workDir };
        command.SetAction((parse, cancellationToken) =>
        {
            var connection = CommonOptions.WithDatabase(host, parse, db).DatabaseConnection
                ?? throw new UserInputException("fanout worker needs the shared database: give --db CONNSTRING (an Npgsql connection string or a postgres:// URL) or set FANOUT_DB");
            var workerName = parse.GetValue(name) ?? WorkerSettings.DefaultName();
            var settings = new WorkerSettings(connection, parse.GetValue(slots), workerName, Path.GetFullPath(parse.GetValue(workDir) ?? WorkerSettings.DefaultWorkDirectory(workerName)));
            return WorkerServer.RunAsync(settings, host, cancellationToken);
        });
        return command;
    }
}
