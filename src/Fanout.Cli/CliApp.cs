using System.CommandLine;

using Fanout.Cli.Commands;
using Fanout.Core;
using Fanout.Orchestration.Session;

namespace Fanout.Cli;

public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, FanoutHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var console = host.Console;
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces and more detail on errors", Recursive = true };
        var root = Root(host, verbose);
        root.Add(HelpCommand.Create(root, host));
        root.Add(CompletionCommand.Create(root, host));

        if (args.Length > 0 && args[0] == BenchLauncher.Command)
        {
            // Every argument, --help included, is the bench's own.
            using var benchShutdown = new Shutdown(console.Error);
            return await RunBenchAsync(args[1..], host, benchShutdown.Token);
        }

        var parse = Parse(root, args);
        if (parse.Errors.Count > 0)
        {
            var hint = DidYouMean.Hint(parse);
            foreach (var error in parse.Errors)
            {
                var message = hint.Length > 0 ? error.Message.TrimEnd('.') + hint : error.Message;
                await console.Error.WriteLineAsync(ErrorLine(parse, message));
                hint = string.Empty;
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

    /// <summary>
    /// A parse error as the one line the user reads: System.CommandLine lists choices on lines of their
    /// own ("Must be one of:\n\t'overlap'..."), which are joined here.
    /// </summary>
    internal static string ErrorLine(ParseResult parse, string message)
    {
        var flat = string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"fanout: {flat} (see 'fanout {string.Join(' ', CommandPath(parse))} --help')".Replace("fanout  --help", "fanout --help", StringComparison.Ordinal);
    }

    /// <summary>
    /// Parses as every entry point does. Response files are off: an argument that starts with '@' is
    /// text the user wrote (a goal such as "@docs tidy the guide", a title), never a file to read.
    /// </summary>
    internal static ParseResult Parse(Command root, IReadOnlyList<string> args) => root.Parse(args, NoResponseFiles);

    private static readonly ParserConfiguration NoResponseFiles = new() { ResponseFileTokenReplacer = null };

    /// <summary>Every command, parsed but not run: what <see cref="RunAsync"/> invokes, and what tests parse.</summary>
    internal static RootCommand Root(FanoutHost host, Option<bool> verbose) => new("Fanout runs a plan of coding tasks in parallel: an issue, a git worktree, a prepared environment and an agent per task; it verifies each result and measures where the time went.")
    {
        verbose,
        RunCommand.Create(host),
        ResumeCommand.Resume(host),
        ResumeCommand.Retry(host),
        PlanCommand.Create(host),
        DoctorCommand.Create(host),
        StatusCommand.Create(host),
        ReportCommand.Create(host),
        LogsCommand.Create(host),
        IssuesCommand.Create(host),
        InitCommand.Create(host),
        DemoCommand.Create(host),
        MergeCommand.Create(host),
        PoolCommand.Create(host),
        CleanCommand.Create(host),
        GcCommand.Create(host),
        WorkerCommand.Create(host),
        McpCommand.Create(host),
        AnswerCommands.Answer(host),
        AnswerCommands.Ask(host),
        AnswerCommands.Progress(host),
        BenchCommand(host),
    };

    /// <summary>Listed in the help; its arguments pass through unparsed (<c>fanout bench --help</c> shows the bench's own).</summary>
    private static Command BenchCommand(FanoutHost host)
    {
        var command = new Command(BenchLauncher.Command, "Measure setup time per strategy on a copy of a repository, beside raw git worktree add (fanout bench --help lists its options)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, cancellationToken) => RunBenchAsync([.. parse.UnmatchedTokens], host, cancellationToken));
        return command;
    }

    private static async Task<int> RunBenchAsync(string[] arguments, FanoutHost host, CancellationToken cancellationToken)
    {
        try
        {
            return await BenchLauncher.RunAsync(arguments, host, cancellationToken);
        }
        catch (Exception error)
        {
            return ErrorReporter.Report(host.Console.Error, error, verbose: false, cancellationToken.IsCancellationRequested);
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
