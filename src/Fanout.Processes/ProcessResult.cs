namespace Fanout.Processes;

public sealed record ProcessResult(
    ProcessSpec Spec,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Duration,
    bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The last lines of standard error, which is where tools say what went wrong.</summary>
    public string StandardErrorTail(int lines = 20) => Tail.Of(StandardError, lines);

    public ProcessResult EnsureSuccess() => Succeeded ? this : throw new ProcessFailedException(this);
}
