namespace Fanout.Journal;

/// <summary>
/// Everything a run does is one of these; the journal stores them in order and every view
/// (dashboard, status, report, metrics) is computed from them alone.
/// </summary>
public abstract record RunEvent(string RunId, DateTimeOffset At);

/// <summary>An event about one task of the run; <see cref="TaskId"/> names it.</summary>
public abstract record TaskEvent(string RunId, DateTimeOffset At, string TaskId) : RunEvent(RunId, At);

/// <summary>
/// A run began, or was taken up again: a resume or a retry is another start of the same run, its
/// <paramref name="Attempt"/> counting from 1 and <paramref name="Reason"/> saying why (null for the first).
/// </summary>
public sealed record RunStarted(string RunId, DateTimeOffset At, RunInfo Run, int Attempt = 1, string? Reason = null) : RunEvent(RunId, At);

public sealed record RunInfo(
    string PlanName,
    string PlanFile,
    string Repository,
    string BaseRef,
    string BaseCommit,
    string Strategy,
    string Tracker,
    int MaxParallel)
{
    /// <summary>The agent <c>--agent</c> chose for every task, when it was given; a resume uses it again.</summary>
    public string? Agent { get; init; }

    /// <summary>Whether tasks deliver pull requests (<c>--pr</c>).</summary>
    public bool? PullRequests { get; init; }

    /// <summary>The delay <c>--tracker-latency</c> added to every tracker request, in milliseconds.</summary>
    public double? TrackerLatencyMs { get; init; }

    /// <summary>The git remote workers clone, fetch from and push task branches to, when the run is spread over machines (<c>--db</c>).</summary>
    public string? Remote { get; init; }

    /// <summary>
    /// The ids of the tasks the run started with, so a resume knows the plan even when the run was
    /// killed before every task was registered; null in runs journaled before it was recorded.
    /// </summary>
    public IReadOnlyList<string>? TaskIds { get; init; }
}

public sealed record TaskRegistered(string RunId, DateTimeOffset At, string TaskId, string Title, IReadOnlyList<string> DependsOn)
    : TaskEvent(RunId, At, TaskId);

/// <param name="Worker">The <c>fanout worker</c> that ran the phase, when the run is spread over machines; null in a run of one process.</param>
public sealed record PhaseStarted(string RunId, DateTimeOffset At, string TaskId, Phase Phase, string? Detail = null, string? Worker = null)
    : TaskEvent(RunId, At, TaskId);

/// <param name="Worker">The <c>fanout worker</c> that ran the phase, when the run is spread over machines; null in a run of one process.</param>
public sealed record PhaseEnded(string RunId, DateTimeOffset At, string TaskId, Phase Phase, PhaseOutcome Outcome, string? Detail = null, string? Worker = null)
    : TaskEvent(RunId, At, TaskId);

public sealed record TaskStateChanged(string RunId, DateTimeOffset At, string TaskId, TaskState State, string? Reason = null)
    : TaskEvent(RunId, At, TaskId);

/// <summary>Fields learnt about a task as its worker goes; null fields are unchanged.</summary>
/// <param name="AgentSession">The agent's own session id (Claude Code, Codex), so a resume or retry can continue it.</param>
/// <param name="StartHead">The commit the agent's own work starts from (its dependencies merged in): the gate counts the commits after it.</param>
public sealed record TaskLinked(string RunId, DateTimeOffset At, string TaskId, int? Issue = null, string? IssueUrl = null, string? Branch = null, string? Worktree = null, string? AgentSession = null, string? StartHead = null)
    : TaskEvent(RunId, At, TaskId);

/// <summary>The task's branch and worktree are about to be made: journaled first, so a crash at any instant leaves nothing resume, clean and gc cannot find.</summary>
public sealed record WorkspaceIntended(string RunId, DateTimeOffset At, string TaskId, string Branch, string Worktree)
    : TaskEvent(RunId, At, TaskId);

/// <summary>The task's issue is about to be created in <paramref name="Tracker"/>; creation is idempotent per run and task, so a resume finds it.</summary>
public sealed record IssueIntended(string RunId, DateTimeOffset At, string TaskId, string Tracker)
    : TaskEvent(RunId, At, TaskId);

/// <summary>
/// A process of the task started (agent, setup or test), leading its own process group: with its
/// start time it names that process for good, so a resume can end it if the attempt that started it died.
/// </summary>
public sealed record ProcessStarted(string RunId, DateTimeOffset At, string TaskId, int Pid, long? StartTicks, string Command)
    : TaskEvent(RunId, At, TaskId);

/// <summary>The process <paramref name="Pid"/> of the task exited (or was ended).</summary>
public sealed record ProcessExited(string RunId, DateTimeOffset At, string TaskId, int Pid, int ExitCode)
    : TaskEvent(RunId, At, TaskId);

/// <summary>A resume or retry took the task up again in <paramref name="Attempt"/>, from <paramref name="From"/> (the phase it restarts at).</summary>
public sealed record TaskResumed(string RunId, DateTimeOffset At, string TaskId, int Attempt, string From)
    : TaskEvent(RunId, At, TaskId);

/// <summary>Why a task failed: the phase, the command, its exit code and the tail of its stderr.</summary>
public sealed record TaskFailed(string RunId, DateTimeOffset At, string TaskId, Phase Phase, string Message, string? Command = null, int? ExitCode = null, string? StderrTail = null)
    : TaskEvent(RunId, At, TaskId);

/// <summary>What an agent with structured output is doing (a tool use, a turn, its cost).</summary>
public sealed record AgentActivity(string RunId, DateTimeOffset At, string TaskId, string Kind, string Text)
    : TaskEvent(RunId, At, TaskId);

/// <summary>One request sent to the tracker; <paramref name="RateLimitRemaining"/> is what the tracker said was left, when it says.</summary>
public sealed record TrackerRequested(string RunId, DateTimeOffset At, string TaskId, string Operation, int? RateLimitRemaining = null)
    : TaskEvent(RunId, At, TaskId);

/// <summary>The plan's test command ran on the integration branch after the merges of <paramref name="Merged"/>.</summary>
public sealed record MergeTested(string RunId, DateTimeOffset At, string Branch, string Head, IReadOnlyList<string> Merged, bool Passed, string Command, int? ExitCode = null, string? StderrTail = null)
    : RunEvent(RunId, At);

/// <summary><c>fanout merge --into</c> brought <paramref name="Into"/> up to the integration branch, with the tasks of <paramref name="Merged"/>.</summary>
public sealed record MergeLanded(string RunId, DateTimeOffset At, string Into, IReadOnlyList<string> Merged)
    : RunEvent(RunId, At);

/// <summary>The merge queue began preparing the run's integration worktree as a task's is prepared: include files, dependency cache, the plan's setup.</summary>
public sealed record IntegrationPreparing(string RunId, DateTimeOffset At, string Worktree, string? Detail = null)
    : RunEvent(RunId, At);

/// <summary>The integration worktree's preparation ended; a failure names the setup command, its exit code and stderr tail.</summary>
public sealed record IntegrationPrepared(string RunId, DateTimeOffset At, PhaseOutcome Outcome, string? Detail = null, string? Command = null, int? ExitCode = null, string? StderrTail = null)
    : RunEvent(RunId, At);

/// <summary>The run ended; <paramref name="PeakMemoryBytes"/> is the fanout process's own peak resident memory, agents excluded.</summary>
public sealed record RunFinished(string RunId, DateTimeOffset At, RunState State, int ExitCode, long? PeakMemoryBytes = null)
    : RunEvent(RunId, At);

/// <summary>A planning agent started to plan the run from a goal (<c>run --goal</c>); tasks appear as it writes them.</summary>
public sealed record PlanningStarted(string RunId, DateTimeOffset At, string Goal, string Planner)
    : RunEvent(RunId, At);

/// <summary>The planner emitted this task and Fanout accepted it; its <see cref="TaskRegistered"/> follows. <paramref name="Order"/> counts from 1.</summary>
public sealed record TaskAppeared(string RunId, DateTimeOffset At, string TaskId, int Order)
    : TaskEvent(RunId, At, TaskId);

/// <summary>The planner finished: how it ended, how many tasks it gave, and what Fanout refused or kept (revisions, withdrawals).</summary>
public sealed record PlanningEnded(string RunId, DateTimeOffset At, PhaseOutcome Outcome, int Tasks, string? Detail = null)
    : RunEvent(RunId, At);

/// <summary>A task's agent asked a question (<c>ask</c>) and waits for the answer.</summary>
public sealed record QuestionAsked(string RunId, DateTimeOffset At, string TaskId, string QuestionId, string Question)
    : TaskEvent(RunId, At, TaskId);

/// <summary>The question <paramref name="QuestionId"/> was answered, by whom; a timeout answers too, so the agent goes on.</summary>
public sealed record QuestionAnswered(string RunId, DateTimeOffset At, string TaskId, string QuestionId, string Answer, AnswerSource By)
    : TaskEvent(RunId, At, TaskId);

/// <summary>A task's agent said how far it got (<c>report_progress</c> or <c>fanout progress</c>).</summary>
public sealed record ProgressReported(string RunId, DateTimeOffset At, string TaskId, string Text)
    : TaskEvent(RunId, At, TaskId);
