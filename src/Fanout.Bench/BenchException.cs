namespace Fanout.Bench;

/// <summary>The bench cannot go on: bad input, or a measured run that refused to start.</summary>
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
