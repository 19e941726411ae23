using Fanout.Agents;
using Fanout.Journal;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>Include files, the dependency cache and a port block, then the plan's setup command; what setup installed is cached.</summary>
internal sealed class EnvironmentPhase(TaskScope scope)
{
    public Task PrepareAsync(CancellationToken cancellationToken) =>
        Kept() ? KeepAsync(cancellationToken) : scope.PhaseAsync(Phase.Environment, async () =>
        {
            var workspace = scope.Workspace;
            var environments = scope.Run.Environments;
            var prepared = environments is null ? null : await environments.PrepareAsync(scope.Run.RunId, scope.Id, workspace.Path, cancellationToken);
            scope.Task.Ports = prepared?.Ports;
            if (prepared is not null)
            {
                await using var log = TaskLog.Open(scope.LogFile);
                log.Write(OutputKind.StandardOutput, $"fanout: {(workspace.Pooled ? "worktree from the pool" : "worktree added")}; {prepared.Describe()}");
            }

            if (scope.Settings.Setup is { } setup)
            {
                await scope.RunCommandAsync(Phase.Environment, "setup command", setup, cancellationToken);
            }

            if (prepared is not null)
            {
                await environments!.StoreAsync(prepared, workspace.Path, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>A resumed task in the worktree an earlier attempt prepared keeps it as it is: setup is not run over the agent's work.</summary>
    private bool Kept() => scope.Task.History is { EnvironmentReady: true } && scope.Workspace.Reused;

    private Task KeepAsync(CancellationToken cancellationToken) =>
        scope.PhaseAsync(Phase.Environment, async () =>
        {
            // The same owner gets the same block again.
            if (scope.Run.Environments is { } environments)
            {
                scope.Task.Ports = await environments.Ports.AllocateAsync(EnvironmentPreparer.Owner(scope.Run.RunId, scope.Id), environments.PortBlockSize, cancellationToken);
            }
        }, cancellationToken, "kept from an earlier attempt");
}
