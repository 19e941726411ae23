using Fanout.Journal;
using Fanout.Orchestration.Pipeline;

namespace Fanout.Distributed;

/// <summary>
/// Pushes a task's branch to the shared remote at the end of each agent run and after the gate,
/// committing first what the agent left uncommitted: a phase the journal calls finished has its
/// work on the remote, so a worker that takes the task up from a lost machine finds it there.
/// </summary>
internal sealed class RemotePublisher(WorkerClone clone) : IBranchPublisher
{
    public const string Remote = "origin";

    public async Task PublishAsync(BranchPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        if (publication.Phase == Phase.Agent)
        {
            await clone.Git.CommitAllAsync(publication.Workspace.Path, publication.CommitMessage, cancellationToken);
        }

        await clone.PushAsync(publication.Workspace.Branch, cancellationToken);
    }
}
