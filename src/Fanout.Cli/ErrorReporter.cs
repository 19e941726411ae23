using Fanout.Core;
using Fanout.Orchestration;
using Fanout.Planning;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Cli;

/// <summary>The one place errors become what the user reads: one line, then the tool's stderr tail; stack traces only with --verbose.</summary>
public static class ErrorReporter
{
    public static int Report(TextWriter error, Exception exception, bool verbose, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        var exitCode = Write(error, exception, cancelled);
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

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
