using Fanout.Agents;
using Fanout.Journal;
using Fanout.Plans;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Pipeline;

/// <summary>
/// One task's place in its run, shared by its phases: the run, the task's runtime state and
/// settings, and the journaling every phase goes through. Every phase start and end is journaled
/// before the next step.
/// </summary>
internal sealed class TaskScope(RunContext run, TaskRuntime task, IAgent agent, IReadOnlyDictionary<string, TaskRuntime> all)
{
    // The agent-start comment runs beside the agent; later comments wait for it so the issue reads in order.
    private Task _announcement = System.Threading.Tasks.Task.CompletedTask;

    public RunContext Run { get; } = run;

    public TaskRuntime Task { get; } = task;

    public IAgent Agent { get; } = agent;

    /// <summary>Every task of the run, for dependencies.</summary>
    public IReadOnlyDictionary<string, TaskRuntime> All { get; } = all;

    public TaskSettings Settings { get; } = run.Plan.SettingsOf(task.Task);

    public string Id => Task.Task.Id;

    public Workspace Workspace => Task.Workspace ?? throw new InvalidOperationException($"task {Id} has no workspace");

    public string LogFile => Run.Paths.LogFile(Run.RunId, Id);

    /// <summary>The last agent run's outcome, quoted by the gate when the agent changed nothing.</summary>
    public AgentOutcome? AgentOutcome { get; set; }

    public DateTimeOffset Now => Run.Recorder.Now;

    public Task RecordAsync(RunEvent runEvent) => Run.Recorder.RecordAsync(runEvent);

    public Task SetStateAsync(TaskState state, string? reason = null) =>
        RecordAsync(new TaskStateChanged(Run.RunId, Now, Id, state, reason));

    /// <summary>Runs one phase, journaling its start and end; anything it throws becomes a <see cref="PhaseFailedException"/>.</summary>
    public async Task<T> PhaseAsync<T>(Phase phase, Func<Task<T>> body, CancellationToken cancellationToken, string? detail = null)
    {
        await RecordAsync(new PhaseStarted(Run.RunId, Now, Id, phase, detail, Run.Worker));
        try
        {
            var result = await body();
            await PublishAsync(phase, cancellationToken);
            await RecordAsync(new PhaseEnded(Run.RunId, Now, Id, phase, PhaseOutcome.Succeeded, Worker: Run.Worker));
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(new PhaseEnded(Run.RunId, Now, Id, phase, PhaseOutcome.Cancelled, Worker: Run.Worker));
            throw;
        }
        catch (Exception error)
        {
            var failure = PhaseFailedException.From(phase, error);
            await RecordAsync(new PhaseEnded(Run.RunId, Now, Id, phase, PhaseOutcome.Failed, failure.Message, Run.Worker));
            throw failure;
        }
    }

    /// <summary>Spread over machines, the agent's and the gate's work reaches the remote before the journal says the phase succeeded.</summary>
    private Task PublishAsync(Phase phase, CancellationToken cancellationToken)
    {
        if (Run.Publisher is not { } publisher || phase is not (Phase.Agent or Phase.Verify) || Task.Workspace is not { } workspace)
        {
            return System.Threading.Tasks.Task.CompletedTask;
        }

        var issue = Task.IssueNumber is { } number ? $" (#{number})" : string.Empty;
        return publisher.PublishAsync(new BranchPublication(Run.RunId, Id, phase, workspace, $"{Id}: {Task.Task.Title}{issue}"), cancellationToken);
    }

    public Task PhaseAsync(Phase phase, Func<Task> body, CancellationToken cancellationToken, string? detail = null) =>
        PhaseAsync(phase, async () =>
        {
            await body();
            return true;
        }, cancellationToken, detail);

    /// <summary>Every tracker call is counted in the journal, for the run's trackerRequests metric.</summary>
    public async Task<T> TrackAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        finally
        {
            await RecordAsync(new TrackerRequested(Run.RunId, Now, Id, operation));
        }
    }

    public Task TrackAsync(string operation, Func<Task> call) =>
        TrackAsync(operation, async () =>
        {
            await call();
            return true;
        });

    /// <summary>The issue, waiting for it if the tracker is still catching up; a failed creation fails the task here.</summary>
    public async Task<TrackerIssue> AwaitIssueAsync(CancellationToken cancellationToken) =>
        Task.Issue is { } issue
            ? await issue.WaitAsync(cancellationToken)
            : throw new PhaseFailedException(Phase.Issue, "the task has no issue");

    /// <summary>Starts a comment that must not hold the pipeline back (the agent-start note); later comments come after it.</summary>
    public void Announce(Func<Task> comment) => _announcement = System.Threading.Tasks.Task.Run(comment, CancellationToken.None);

    public Task AnnouncedAsync() => _announcement;

    /// <summary>Tells the issue what happened; a tracker problem here must not hide the task's own outcome.</summary>
    public async Task CommentQuietlyAsync(string body, CancellationToken cancellationToken)
    {
        try
        {
            await AnnouncedAsync();
            var issue = await AwaitIssueAsync(cancellationToken);
            await TrackAsync("comment", () => Run.Tracker.CommentAsync(issue.Number, body, cancellationToken));
        }
#pragma warning disable CA1031 // The comment is best effort by design; the journal already holds the failure.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>A plan command (setup or test) in the task's worktree, its output in the task's log; a failure fails <paramref name="phase"/>.</summary>
    public async Task RunCommandAsync(Phase phase, string what, CommandSpec command, CancellationToken cancellationToken)
    {
        var placeholders = new AgentInvocation(Run.RunId, Id, Task.Task.Title, Run.Paths.PromptFile(Run.RunId, Id), Workspace.Path, Workspace.Branch, LogFile)
        {
            Issue = Task.IssueNumber,
        }.Placeholders();
        var processes = new ProcessTracker(this, $"{what}: {command}");
        var scope = new CommandScope(Workspace.Path, LogFile, placeholders, TaskVariables.ForTask(Run, Task).ToEnvironment()) { OnStarted = processes.OnStarted };
        var result = await new PlanCommandRunner(Run.Runner).RunAsync(command, scope, cancellationToken);
        await processes.ExitedAsync(result.ExitCode);
        if (!result.Succeeded)
        {
            throw PhaseFailedException.FromResult(phase, what, result);
        }
    }
}
