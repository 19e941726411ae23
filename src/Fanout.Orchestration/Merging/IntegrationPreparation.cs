using Fanout.Journal;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>
/// Gets the integration worktree ready the way a task's is (include files, dependency folders
/// from the cache, the plan's setup), as a journaled step of its own, so the plan's test command
/// finds what it needs there and a broken setup is never blamed on the tasks.
/// </summary>
internal static class IntegrationPreparation
{
    /// <summary>Prepares <paramref name="workspace"/> unless an earlier merge of the run already did.</summary>
    /// <exception cref="ProcessFailedException">The plan's setup failed in the integration worktree.</exception>
    public static async Task PrepareAsync(MergeSetup setup, Workspace workspace, CancellationToken cancellationToken)
    {
        if (setup.IntegrationPrepared && workspace.Reused)
        {
            return;
        }

        var recorder = setup.Recorder;
        await recorder.RecordAsync(new IntegrationPreparing(setup.RunId, recorder.Now, workspace.Path, setup.Setup?.ToString()));
        try
        {
            var environments = new EnvironmentPreparer(setup.Paths, setup.Include, setup.Session.Runner);
            var prepared = await environments.PrepareAsync(setup.RunId, "_integration", workspace.Path, cancellationToken);
            await using (var log = Agents.TaskLog.Open(setup.LogFile))
            {
                log.Write(OutputKind.StandardOutput, $"fanout: integration worktree; {prepared.Describe()}");
            }

            if (setup.Setup is { } command)
            {
                var result = await IntegrationWorktree.RunAsync(setup, workspace.Path, command, null, cancellationToken);
                if (!result.Succeeded)
                {
                    await recorder.RecordAsync(new IntegrationPrepared(setup.RunId, recorder.Now, PhaseOutcome.Failed, "the plan's setup failed in the integration worktree; nothing was merged or tested", result.Spec.Display, result.ExitCode, result.StandardErrorTail(10)));
                    throw new ProcessFailedException(result);
                }
            }

            await environments.StoreAsync(prepared, workspace.Path, cancellationToken);
            await environments.Ports.ReleaseAsync(block => block.Owner == prepared.Ports.Owner, cancellationToken);
            await recorder.RecordAsync(new IntegrationPrepared(setup.RunId, recorder.Now, PhaseOutcome.Succeeded, prepared.Describe()));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await recorder.RecordAsync(new IntegrationPrepared(setup.RunId, recorder.Now, PhaseOutcome.Cancelled));
            throw;
        }
    }
}
