namespace Fanout.Processes;

public interface IProcessRunner
{
    /// <summary>
    /// Runs to completion and returns the result whatever the exit code; a timeout kills the
    /// whole process tree and is reported in the result. Cancellation kills the tree and throws.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
