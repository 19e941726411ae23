namespace Fanout.Processes;

/// <summary>A command ended in a way its caller did not expect; carries what a user needs to retry it.</summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException(ProcessResult result)
        : base(Describe(result))
    {
        Result = result;
    }

    public ProcessResult Result { get; }

    public string Command => Result.Spec.Display;

    public int ExitCode => Result.ExitCode;

    public string StandardErrorTail => Result.StandardErrorTail();

    private static string Describe(ProcessResult result)
    {
        var what = result.TimedOut
            ? $"timed out after {result.Spec.Timeout}"
            : $"exited with code {result.ExitCode}";
        var tail = Tail.Of(result.StandardError.Length > 0 ? result.StandardError : result.StandardOutput, 1);
        return tail.Length > 0 ? $"{result.Spec.Display} {what}: {tail}" : $"{result.Spec.Display} {what}";
    }
}
