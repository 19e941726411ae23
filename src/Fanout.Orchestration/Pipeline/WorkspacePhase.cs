using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>The task's worktree on its own branch at the run's base, named from the run and the task (and the issue, issue-first).</summary>
internal sealed class WorkspacePhase(TaskScope scope)
{
    public Task CreateAsync(int? issue, CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Workspace, async () =>
        {
            var branch = WorkspaceNames.Branch(scope.Run.RunId, scope.Id, issue);
            var path = WorkspaceNames.Directory(scope.Run.Paths.WorktreeRoot, scope.Run.RunId, scope.Id, issue);
            var workspace = await scope.Run.Workspaces.CreateAsync(new WorkspaceRequest(scope.Run.RunId, scope.Id, branch, path, scope.Run.BaseCommit), cancellationToken);
            scope.Task.Workspace = workspace;
            await scope.RecordAsync(new TaskLinked(scope.Run.RunId, scope.Now, scope.Id, Branch: workspace.Branch, Worktree: workspace.Path));
        }, cancellationToken);
}
