using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// Where a worker on another machine puts a task's work so that whoever takes the task up next finds
/// it: called when the agent or verify phase has done its work and before the journal says so, so a
/// phase the journal calls finished always has its commits on the remote.
/// </summary>
public interface IBranchPublisher
{
    Task PublishAsync(BranchPublication publication, CancellationToken cancellationToken);
}

/// <summary>The task's workspace after <paramref name="Phase"/>, and the message a commit of what its agent left uncommitted gets.</summary>
public sealed record BranchPublication(string RunId, string TaskId, Phase Phase, Workspace Workspace, string CommitMessage);
