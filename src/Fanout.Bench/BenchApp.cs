using System.CommandLine;

using Fanout.Core;

namespace Fanout.Bench;

/// <summary>The bench's command line: bad input is one line and exit code 2, as in the CLI.</summary>
public static class BenchApp
{
    /// <summary>Names the Fanout CLI to measure (a <c>fanout.dll</c> or an executable); <c>fanout bench</c> sets it to itself.</summary>
    public const string FanoutVariable = "FANOUT_BENCH_CLI";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = BenchCommand.Create(output, error, () => FanoutProgram.FromEnvironment(Environment.GetEnvironmentVariable(FanoutVariable)));
        // Response files off, as in the CLI: an argument starting with '@' is text, not a file to read.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"fanout bench: {problem.Message} (see 'fanout bench --help')");
            }

            return ExitCodes.BadInput;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        catch (UserInputException input)
        {
            foreach (var problem in input.Problems)
            {
                await error.WriteLineAsync($"fanout bench: {problem}");
            }

            return input.ExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("fanout bench: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (BenchException failed)
        {
            await error.WriteLineAsync($"fanout bench: {failed.Message}");
            return ExitCodes.TaskFailed;
        }
    }
}
