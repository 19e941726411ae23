namespace Fanout.Journal.Tests;

/// <summary>Hand-written event sequences on a fixed clock: <c>At(12)</c> is twelve seconds after the run started.</summary>
internal sealed class Script(string runId = "r1")
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly RunInfo Info = new("login-overhaul", "fanout.yaml", "/repo", "main", "abc123", "worktree", "local", 20);

    private readonly List<RunEvent> _events = [];

    public string RunId { get; } = runId;

    public IReadOnlyList<RunEvent> Events => _events;

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    public Script Add(RunEvent runEvent)
    {
        _events.Add(runEvent);
        return this;
    }

    public Script Started(double at = 0) => Add(new RunStarted(RunId, At(at), Info));

    public Script Task(string task, params string[] dependsOn) => Add(new TaskRegistered(RunId, Start, task, $"Title of {task}", dependsOn));

    public Script Phase(string task, Phase phase, double from, double? to = null, PhaseOutcome outcome = PhaseOutcome.Succeeded)
    {
        Add(new PhaseStarted(RunId, At(from), task, phase));
        return to is { } end ? Add(new PhaseEnded(RunId, At(end), task, phase, outcome)) : this;
    }

    public Script State(string task, TaskState state, double at, string? reason = null) =>
        Add(new TaskStateChanged(RunId, At(at), task, state, reason));

    public Script Finished(RunState state, int exitCode, double at) => Add(new RunFinished(RunId, At(at), state, exitCode));

    public RunSnapshot Fold() => RunFold.Fold(_events) ?? throw new InvalidOperationException("The script has no RunStarted.");
}
