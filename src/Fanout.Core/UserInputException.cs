namespace Fanout.Core;

/// <summary>One thing the user wrote or asked that cannot work: where (when it is in a file), and what, on one line that says how to fix it.</summary>
public sealed record InputProblem(SourcePosition? Position, string Message)
{
    public override string ToString() => Position is { } position ? $"{position}: {Message}" : Message;
}

/// <summary>
/// The one error for bad input — a plan, a flag, the repository's state, a missing run — found
/// before anything was created. It carries the exit code the process ends with (2 unless said
/// otherwise) and every problem found, so a plan with three mistakes reports all three.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException()
        : this("bad input")
    {
    }

    public UserInputException(string message)
        : this(message, ExitCodes.BadInput)
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new InputProblem(null, message)];
        ExitCode = ExitCodes.BadInput;
    }

    public UserInputException(string message, int exitCode)
        : base(message)
    {
        Problems = [new InputProblem(null, message)];
        ExitCode = exitCode;
    }

    public UserInputException(IReadOnlyList<InputProblem> problems)
        : base(problems is { Count: > 0 } ? problems[0].ToString() : "bad input")
    {
        Problems = problems ?? [];
        ExitCode = ExitCodes.BadInput;
    }

    /// <summary>Every problem found; at least one.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    public int ExitCode { get; }
}
