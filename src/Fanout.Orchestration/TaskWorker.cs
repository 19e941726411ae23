using Fanout.Agents;
using Fanout.Journal;

namespace Fanout.Orchestration;

/// <summary>
/// One task's pipeline: issue, workspace, environment, agent, verify, deliver. Every phase start and
/// end is journaled before the next step; a failure stops this task only.
/// </summary>
public sealed partial class TaskWorker(RunContext run, TaskRuntime task, IAgent agent, IReadOnlyDictionary<string, TaskRuntime> all, SemaphoreSlim slots)
{
    private string Id => task.Task.Id;

    /// <summary>Keeps agents of conflicting tasks apart; null when the plan has no conflicts.</summary>
    public AgentExclusion? Exclusion { get; init; }

    /// <summary>Runs the rest of the pipeline; with <paramref name="provisioned"/> the issue and workspace already exist.</summary>
    public async Task RunAsync(bool provisioned, CancellationToken cancellationToken)
    {
        var state = TaskState.Failed;
        var holdsSlot = false;
        try
        {
            await slots.WaitAsync(cancellationToken);
            holdsSlot = true;
            if (!provisioned)
            {
                await ProvisionAsync(cancellationToken);
            }

            await SetStateAsync(TaskState.Preparing);
            await PrepareEnvironmentAsync(cancellationToken);

            holdsSlot = false;
            slots.Release();
            var blocker = await WaitForDependenciesAsync(cancellationToken);
            if (blocker is not null)
            {
                state = TaskState.Blocked;
                await SetStateAsync(state, blocker);
                await CommentQuietlyAsync($"Blocked: {blocker}. The agent did not run.", cancellationToken);
                return;
            }

            await slots.WaitAsync(cancellationToken);
            holdsSlot = true;
            await IntegrateDependenciesAsync(cancellationToken);
            await SetStateAsync(TaskState.Running);
            await using (await AgentExclusion.AcquireAsync(Exclusion, Id, cancellationToken))
            {
                await RunAgentAsync(cancellationToken);
            }

            await SetStateAsync(TaskState.Verifying);
            var verified = await VerifyAsync(cancellationToken);
            await SetStateAsync(TaskState.Delivering);
            await DeliverAsync(verified, cancellationToken);
            state = TaskState.Succeeded;
            await SetStateAsync(state);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SetStateAsync(TaskState.Failed, "cancelled");
        }
        catch (PhaseFailedException failure)
        {
            await FailAsync(failure, cancellationToken);
        }
        finally
        {
            if (holdsSlot)
            {
                slots.Release();
            }

            await AnnouncedAsync();
            task.Finish(state);
        }
    }

    /// <summary>Marks a task failed outside its own pipeline (the sequential strategy's provisioning).</summary>
    public async Task FailAsync(PhaseFailedException failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await run.Recorder.RecordAsync(new TaskFailed(run.RunId, run.Recorder.Now, Id, failure.Phase, failure.Message, failure.Command, failure.ExitCode, failure.StderrTail));
        await SetStateAsync(TaskState.Failed, $"{failure.Phase.Name()}: {failure.Message}");
        task.Finish(TaskState.Failed);
        if (failure.Phase != Phase.Issue && !cancellationToken.IsCancellationRequested)
        {
            await CommentQuietlyAsync(FailureComment.Render(run, task, failure), cancellationToken);
        }
    }

    private async Task<string?> WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        var dependencies = task.Task.DependsOn.Select(id => (Id: id, all[id].Finished)).ToArray();
        if (dependencies.Length == 0)
        {
            return null;
        }

        var waiting = dependencies.Any(d => !d.Finished.IsCompleted);
        if (waiting)
        {
            await RecordAsync(new PhaseStarted(run.RunId, run.Recorder.Now, Id, Phase.Wait, string.Join(", ", task.Task.DependsOn)));
        }

        await Task.WhenAll(dependencies.Select(d => d.Finished)).WaitAsync(cancellationToken);
        if (waiting)
        {
            await RecordAsync(new PhaseEnded(run.RunId, run.Recorder.Now, Id, Phase.Wait, PhaseOutcome.Succeeded));
        }

        var failed = dependencies.Where(d => d.Finished.Result != TaskState.Succeeded).Select(d => $"{d.Id} {d.Finished.Result.Name()}").ToArray();
        return failed.Length == 0 ? null : $"dependency {string.Join(", ", failed)}";
    }

    private Task SetStateAsync(TaskState state, string? reason = null) =>
        RecordAsync(new TaskStateChanged(run.RunId, run.Recorder.Now, Id, state, reason));

    private Task RecordAsync(RunEvent runEvent) => run.Recorder.RecordAsync(runEvent);

    /// <summary>Runs one phase, journaling its start and end; anything it throws becomes a <see cref="PhaseFailedException"/>.</summary>
    private async Task<T> PhaseAsync<T>(Phase phase, Func<Task<T>> body, CancellationToken cancellationToken, string? detail = null)
    {
        await RecordAsync(new PhaseStarted(run.RunId, run.Recorder.Now, Id, phase, detail));
        try
        {
            var result = await body();
            await RecordAsync(new PhaseEnded(run.RunId, run.Recorder.Now, Id, phase, PhaseOutcome.Succeeded));
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(new PhaseEnded(run.RunId, run.Recorder.Now, Id, phase, PhaseOutcome.Cancelled));
            throw;
        }
        catch (Exception error)
        {
            var failure = PhaseFailedException.From(phase, error);
            await RecordAsync(new PhaseEnded(run.RunId, run.Recorder.Now, Id, phase, PhaseOutcome.Failed, failure.Message));
            throw failure;
        }
    }

    private Task PhaseAsync(Phase phase, Func<Task> body, CancellationToken cancellationToken, string? detail = null) =>
        PhaseAsync(phase, async () =>
        {
            await body();
            return true;
        }, cancellationToken, detail);
}
