namespace Fanout.Workspaces;

/// <summary>The folder cannot be used as Fanout's repository; the message is one line that says how to fix it.</summary>
public sealed class RepositoryException : Exception
{
    public RepositoryException()
    {
    }

    public RepositoryException(string message)
        : base(message)
    {
    }

    public RepositoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
