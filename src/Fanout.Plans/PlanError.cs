namespace Fanout.Plans;

/// <summary>One thing wrong with a plan: where, what, and how to fix it, on one line.</summary>
public sealed record PlanError(SourcePosition Position, string Message)
{
    public override string ToString() => $"{Position}: {Message}";
}

public sealed class PlanException : Exception
{
    public PlanException(IReadOnlyList<PlanError> errors)
        : base(errors.Count > 0 ? errors[0].ToString() : "invalid plan")
    {
        Errors = errors;
    }

    public IReadOnlyList<PlanError> Errors { get; }
}
