using System.CommandLine;

using Fanout.Cli.Commands;
using Fanout.Orchestration;

namespace Fanout.Cli;

public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(console);
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces and more detail on errors", Recursive = true };
        var root = new RootCommand("Fanout runs a plan of coding tasks in parallel: an issue, a git worktree, a prepared environment and an agent per task; it verifies each result and measures where the time went.")
        {
            verbose,
            RunCommand.Create(console, time),
            PlanCommand.Create(console),
            DoctorCommand.Create(console),
            StatusCommand.Create(console, time),
            ReportCommand.Create(console, time),
            LogsCommand.Create(console, time),
            IssuesCommand.Create(console),
            InitCommand.Create(console),
            DemoCommand.Create(console, time),
            MergeCommand.Create(console, time),
            PoolCommand.Create(console),
            CleanCommand.Create(console, time),
            GcCommand.Create(console, time),
            BenchCommand.Create(console),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"fanout: {error.Message} (see 'fanout {string.Join(' ', CommandPath(parse))} --help')".Replace("fanout  --help", "fanout --help", StringComparison.Ordinal));
            }

            return ExitCodes.BadInput;
        }

        using var shutdown = new Shutdown(console.Error);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, shutdown.Token);
        }
        catch (Exception error)
        {
            return ErrorReporter.Report(console.Error, error, parse.GetValue(verbose), shutdown.Token.IsCancellationRequested);
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
