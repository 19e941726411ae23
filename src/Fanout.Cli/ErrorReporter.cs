using Fanout.Core;
using Fanout.Orchestration;
using Fanout.Planning;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Cli;

/// <summary>
/// The one place errors become what the user reads: one line, then the tool's stderr tail; stack
/// traces only with --verbose. A tool's stderr may hold a token (a remote URL with credentials),
/// so everything written here is redacted.
/// </summary>
public static class ErrorReporter
{
    public static int Report(TextWriter error, Exception exception, bool verbose, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        var redactor = Redactor.FromProcess();
        using var text = new StringWriter();
        var exitCode = Write(text, exception, cancelled);
        if (verbose)
        {
            text.WriteLine(exception.ToString());
        }

        error.Write(redactor.Redact(text.ToString()));
        return exitCode;
    }

    private static int Write(TextWriter error, Exception exception, bool cancelled)
    {
        switch (exception)
        {
            case OperationCanceledException when cancelled:
                error.WriteLine("fanout: cancelled");
                return ExitCodes.Cancelled;
            case UserInputException input:
                // A problem with a place reads file:line:col: message, as compilers write them.
                foreach (var problem in input.Problems)
                {
                    error.WriteLine(problem.Position is null ? $"fanout: {problem.Message}" : problem.ToString());
                }

                return input.ExitCode;
            case ProcessFailedException process:
                error.WriteLine($"fanout: {process.Message}");
                WriteTail(error, process.StandardErrorTail);
                return ExitCodes.TaskFailed;
            case GitException git:
                error.WriteLine($"fanout: {git.Message}");
                WriteTail(error, git.Result?.StandardErrorTail() ?? string.Empty);
                return ExitCodes.TaskFailed;
            case PlanningFailedException planning:
                error.WriteLine($"fanout: planning: {planning.Message}");
                return ExitCodes.TaskFailed;
            case TrackerException tracker:
                error.WriteLine($"fanout: tracker: {tracker.Message}");
                return ExitCodes.TaskFailed;
            default:
                error.WriteLine($"fanout: {exception.GetType().Name}: {exception.Message} (rerun with --verbose for details)");
                return ExitCodes.TaskFailed;
        }
    }

    private static void WriteTail(TextWriter error, string tail)
    {
        foreach (var line in tail.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            error.WriteLine("  | " + line);
        }
    }
}
