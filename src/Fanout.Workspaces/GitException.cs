using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>A git command failed unexpectedly; the message quotes git's own words.</summary>
public sealed class GitException : Exception
{
    public GitException(string message, ProcessResult? result = null)
        : base(message)
    {
        Result = result;
    }

    public ProcessResult? Result { get; }
}
