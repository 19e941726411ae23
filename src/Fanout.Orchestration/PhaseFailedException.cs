using Fanout.Journal;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>A phase failed: what the user needs to see and retry it (phase, command, exit code, stderr tail).</summary>
public sealed class PhaseFailedException : Exception
{
    public PhaseFailedException(Phase phase, string message, string? command = null, int? exitCode = null, string? stderrTail = null, Exception? inner = null)
        : base(message, inner)
    {
        Phase = phase;
        Command = command;
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    public Phase Phase { get; }

    public string? Command { get; }

    public int? ExitCode { get; }

    public string? StderrTail { get; }

    /// <summary>Turns what a phase threw into a failure report, keeping the tool's own words.</summary>
    public static PhaseFailedException From(Phase phase, Exception error) => error switch
    {
        PhaseFailedException failure => failure,
        ProcessFailedException process => new(phase, process.Message, process.Command, process.ExitCode, process.StandardErrorTail, process),
        GitException { Result: { } result } git => new(phase, git.Message, result.Spec.Display, result.ExitCode, result.StandardErrorTail(), git),
        TrackerException tracker => new(phase, $"{tracker.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal)}: {tracker.Message}", inner: tracker),
        _ => new(phase, error.Message, inner: error),
    };

    public static PhaseFailedException FromResult(Phase phase, string what, ProcessResult result) =>
        new(phase, result.TimedOut ? $"{what} timed out after {result.Spec.Timeout}" : $"{what} exited with code {result.ExitCode}",
            result.Spec.Display, result.ExitCode, result.StandardErrorTail());
}
