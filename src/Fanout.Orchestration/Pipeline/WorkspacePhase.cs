using Fanout.Journal;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// The task's worktree on its own branch at the run's base, named from the run and the task (and
/// the issue, issue-first); a sparse checkout of the task's folders when the plan says so. The names
/// are journaled before anything is made; a resume asks for the same names, and the engine gives back
/// what an earlier attempt made, with every commit and change in it.
/// </summary>
internal sealed class WorkspacePhase(TaskScope scope)
{
    public Task CreateAsync(int? issue, CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Workspace, async () =>
        {
            var run = scope.Run;
            var history = scope.Task.History;
            var branch = history?.Branch ?? WorkspaceNames.Branch(run.RunId, scope.Id, issue);
            var path = history?.Worktree ?? WorkspaceNames.Directory(run.Paths.WorktreeRoot, run.RunId, scope.Id, issue);
            await scope.RecordAsync(new WorkspaceIntended(run.RunId, scope.Now, scope.Id, branch, path));
            var request = new WorkspaceRequest(run.RunId, scope.Id, branch, path, run.BaseCommit) { Sparse = scope.Settings.Sparse };
            var workspace = await run.Workspaces.CreateAsync(request, cancellationToken);
            scope.Task.Workspace = workspace;
            await scope.RecordAsync(new TaskLinked(run.RunId, scope.Now, scope.Id, Branch: workspace.Branch, Worktree: workspace.Path));
        }, cancellationToken, scope.Task.History is null ? null : "reused");
}
