using System.Globalization;

using Fanout.Journal;

namespace Fanout.Reporting;

/// <summary>One timestamped line per phase change, for logs and pipes (output that is not a terminal).</summary>
public sealed class PlainRenderer(TextWriter output) : IRunRenderer
{
    private readonly RunFold _fold = new();

    public void Render(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);

        // Described before it is applied: a phase's end is timed from the span it is about to close.
        var line = Describe(runEvent);
        _fold.Apply(runEvent);
        if (line is not null)
        {
            output.WriteLine($"{runEvent.At.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}");
        }
    }

    private string? Describe(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RunStarted e:
                return $"run {e.RunId} started: plan {e.Run.PlanName}, {e.Run.Strategy}, base {e.Run.BaseRef}, tracker {e.Run.Tracker}, max parallel {e.Run.MaxParallel}";
            case PhaseStarted e:
                return $"{e.TaskId,-20} {e.Phase.Name(),-11} started" + (e.Detail is { } d ? $" ({d})" : string.Empty);
            case PhaseEnded e:
                var seconds = _fold.OpenSpan(e.TaskId, e.Phase) is { } span ? (e.At - span.StartedAt).TotalSeconds : 0;
                return $"{e.TaskId,-20} {e.Phase.Name(),-11} {e.Outcome.Name()} in {Seconds(seconds)}" + (e.Detail is { } why ? $": {why}" : string.Empty);
            case TaskLinked { Issue: { } issue } e:
                return $"{e.TaskId,-20} issue       #{issue}" + (e.IssueUrl is { } url ? $" {url}" : string.Empty);
            case TaskLinked { Branch: { } branch } e:
                return $"{e.TaskId,-20} workspace   {branch} at {e.Worktree}";
            case TaskStateChanged { State: TaskState.Succeeded or TaskState.Failed or TaskState.Blocked or TaskState.Cancelled or TaskState.Merged or TaskState.Conflicted } e:
                return $"{e.TaskId,-20} {e.State.Name().ToUpperInvariant()}" + (e.Reason is { } reason ? $": {reason}" : string.Empty);
            case AgentActivity e:
                return $"{e.TaskId,-20} agent       {e.Kind}: {e.Text}";
            case PlanningStarted e:
                return $"planning: {e.Planner} is planning \"{e.Goal}\"; tasks start as it writes them";
            case TaskAppeared e:
                return $"{e.TaskId,-20} appeared   task {e.Order} of the plan";
            case PlanningEnded e:
                return $"planning {e.Outcome.Name()}: {e.Tasks} task(s)" + (e.Detail is { } note ? $"; {note}" : string.Empty);
            case QuestionAsked e:
                return $"{e.TaskId,-20} question    {e.Question} (answer: fanout answer {e.TaskId} TEXT)";
            case QuestionAnswered e:
                return $"{e.TaskId,-20} answered    by {e.By.Name()}: {e.Answer}";
            case ProgressReported e:
                return $"{e.TaskId,-20} progress    {e.Text}";
            case MergeTested e:
                return $"{"integration",-20} tests       {(e.Passed ? "passed" : $"FAILED (exit code {e.ExitCode})")} on {e.Branch} after merging {string.Join(", ", e.Merged)}";
            case RunFinished e:
                return $"run {e.RunId} {e.State.Name()} (exit code {e.ExitCode})";
            default:
                return null;
        }
    }

    internal static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";
}
