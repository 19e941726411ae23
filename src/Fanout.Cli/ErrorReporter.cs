using Fanout.Orchestration;
using Fanout.Plans;
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
            case PlanException plan:
                foreach (var problem in plan.Errors)
                {
                    error.WriteLine(problem.ToString());
                }

                return ExitCodes.BadInput;
            case InputException or RepositoryException or CliInputException:
                error.WriteLine($"fanout: {exception.Message}");
                return ExitCodes.BadInput;
            case ProcessFailedException process:
                error.WriteLine($"fanout: {process.Message}");
                WriteTail(error, process.StandardErrorTail);
                return ExitCodes.TaskFailed;
            case GitException git:
                error.WriteLine($"fanout: {git.Message}");
                WriteTail(error, git.Result?.StandardErrorTail() ?? string.Empty);
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

/// <summary>A command's own argument was unusable (a missing run, a non-empty demo folder); exit code 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
