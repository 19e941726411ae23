using Fanout.Agents;
using Fanout.Journal;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// One task's pipeline, in order: issue ‖ workspace (as the strategy orders them), environment,
/// wait for dependencies, integrate them, agent, verify, deliver. A failure stops this task only.
/// </summary>
public sealed class TaskWorker
{
    private readonly TaskScope _scope;
    private readonly SemaphoreSlim _slots;

    public TaskWorker(RunContext run, TaskRuntime task, IAgent agent, IReadOnlyDictionary<string, TaskRuntime> all, SemaphoreSlim slots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(task);
        _scope = new TaskScope(run, task, agent, all);
        _slots = slots;
    }

    /// <summary>Keeps agents of conflicting tasks apart; null when the plan has no conflicts.</summary>
    public AgentExclusion? Exclusion { get; init; }

    private string Id => _scope.Id;

    /// <summary>Runs the rest of the pipeline; with <paramref name="provisioned"/> the issue and workspace already exist.</summary>
    public async Task RunAsync(bool provisioned, CancellationToken cancellationToken)
    {
        var state = TaskState.Failed;
        var holdsSlot = false;
        try
        {
            await new QueuePhase(_scope, _slots).TakeSlotAsync(cancellationToken);
            holdsSlot = true;
            if (!provisioned)
            {
                await ProvisionAsync(cancellationToken);
            }

            await _scope.SetStateAsync(TaskState.Preparing);
            await new EnvironmentPhase(_scope).PrepareAsync(cancellationToken);

            holdsSlot = false;
            _slots.Release();
            if (await new WaitPhase(_scope).WaitAsync(cancellationToken) is { } blocker)
            {
                state = TaskState.Blocked;
                await _scope.SetStateAsync(state, blocker);
                await _scope.CommentQuietlyAsync($"Blocked: {blocker}. The agent did not run.", cancellationToken);
                return;
            }

            await new QueuePhase(_scope, _slots).TakeSlotAsync(cancellationToken);
            holdsSlot = true;
            await new IntegratePhase(_scope).IntegrateAsync(cancellationToken);
            await _scope.SetStateAsync(TaskState.Running);
            await using (await AgentExclusion.AcquireAsync(Exclusion, Id, cancellationToken))
            {
                await new AgentPhase(_scope).RunAsync(cancellationToken);
            }

            await _scope.SetStateAsync(TaskState.Verifying);
            var verified = await new VerifyPhase(_scope).VerifyAsync(cancellationToken);
            await _scope.SetStateAsync(TaskState.Delivering);
            await new DeliverPhase(_scope).DeliverAsync(verified, cancellationToken);
            state = TaskState.Succeeded;
            await _scope.SetStateAsync(state);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            state = TaskState.Cancelled;
            await _scope.SetStateAsync(state, "the run was cancelled");
            await CommentCancelledAsync();
        }
        catch (PhaseFailedException failure)
        {
            await FailAsync(failure, cancellationToken);
        }
        finally
        {
            if (holdsSlot)
            {
                _slots.Release();
            }

            await _scope.AnnouncedAsync();
            _scope.Task.Finish(state);
        }
    }

    /// <summary>How long a cancelled task may spend telling its issue; Ctrl+C has a grace period to keep.</summary>
    private static readonly TimeSpan CancelledCommentBudget = TimeSpan.FromSeconds(3);

    /// <summary>Tells an issue that already exists how to take the cancelled task up again; never waits for a creation under way.</summary>
    private async Task CommentCancelledAsync()
    {
        if (_scope.Task.Issue is not { IsCompletedSuccessfully: true })
        {
            return;
        }

        using var budget = new CancellationTokenSource(CancelledCommentBudget);
        await _scope.CommentQuietlyAsync($"Fanout run `{_scope.Run.RunId}` was cancelled before task `{Id}` finished; its work is kept. Continue it with `fanout resume {_scope.Run.RunId}`.", budget.Token);
    }

    /// <summary>The sequential strategy's first pass: this task's issue only.</summary>
    public async Task ProvisionIssueAsync(CancellationToken cancellationToken)
    {
        await _scope.SetStateAsync(TaskState.Provisioning);
        await new IssuePhase(_scope).StartAsync(cancellationToken);
    }

    /// <summary>The sequential strategy's second pass: this task's workspace only.</summary>
    public Task ProvisionWorkspaceAsync(CancellationToken cancellationToken) => new WorkspacePhase(_scope).CreateAsync(null, cancellationToken);

    /// <summary>Marks a task failed outside its own pipeline (the sequential strategy's provisioning).</summary>
    public async Task FailAsync(PhaseFailedException failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var run = _scope.Run;
        await _scope.RecordAsync(new TaskFailed(run.RunId, _scope.Now, Id, failure.Phase, failure.Message, failure.Command, failure.ExitCode, failure.StderrTail));
        await _scope.SetStateAsync(TaskState.Failed, $"{failure.Phase.Name()}: {failure.Message}");
        _scope.Task.Finish(TaskState.Failed);
        if (failure.Phase != Phase.Issue && !cancellationToken.IsCancellationRequested)
        {
            await _scope.CommentQuietlyAsync(FailureComment.Render(run, _scope.Task, failure), cancellationToken);
        }
    }

    /// <summary>Issue and workspace as the run's strategy orders them (sequential is driven by the orchestrator).</summary>
    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await _scope.SetStateAsync(TaskState.Provisioning);
        var issue = new IssuePhase(_scope).StartAsync(cancellationToken);
        var workspace = new WorkspacePhase(_scope);
        if (_scope.Run.Strategy == SetupStrategy.IssueFirst)
        {
            await workspace.CreateAsync((await issue).Number, cancellationToken);
        }
        else
        {
            // The workspace does not need the issue: the agent may start while the tracker catches up.
            await workspace.CreateAsync(null, cancellationToken);
        }
    }
}
