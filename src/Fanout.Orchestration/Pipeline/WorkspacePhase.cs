using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// The task's worktree on its own branch at the run's base, named from the run and the task (and
/// the issue, issue-first); a sparse checkout of the task's folders when the plan says so.
/// </summary>
internal sealed class WorkspacePhase(TaskScope scope)
{
    public Task CreateAsync(int? issue, CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Workspace, async () =>
        {
            var branch = WorkspaceNames.Branch(scope.Run.RunId, scope.Id, issue);
            var path = WorkspaceNames.Directory(scope.Run.Paths.WorktreeRoot, scope.Run.RunId, scope.Id, issue);
            var request = new WorkspaceRequest(scope.Run.RunId, scope.Id, branch, path, scope.Run.BaseCommit) { Sparse = scope.Settings.Sparse };
            var workspace = await scope.Run.Workspaces.CreateAsync(request, cancellationToken);
            scope.Task.Workspace = workspace;
            await scope.RecordAsync(new TaskLinked(scope.Run.RunId, scope.Now, scope.Id, Branch: workspace.Branch, Worktree: workspace.Path));
        }, cancellationToken);
}
