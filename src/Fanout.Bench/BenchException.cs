namespace Fanout.Bench;

/// <summary>A measured run failed, so the bench cannot go on (bad input is <see cref="Core.UserInputException"/>).</summary>
public sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
