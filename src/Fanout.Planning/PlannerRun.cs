using Fanout.Processes;

namespace Fanout.Planning;

/// <summary>One run of the planner: the tasks it streamed, its whole answer if it gave one, and how its process ended.</summary>
public sealed record PlannerAttempt(IReadOnlyList<PlannedTask> Streamed, IReadOnlyList<PlannedTask>? Answer, IReadOnlyList<string> Problems, ProcessResult Process, string? Error)
{
    /// <summary>What the planner means: its whole answer, else what it streamed, the last version of each id.</summary>
    public IReadOnlyList<PlannedTask> Tasks => Answer ?? [.. Streamed.GroupBy(t => t.Id).Select(g => g.Last())];

    /// <summary>Why the attempt gave nothing usable, in one line; null when it gave tasks.</summary>
    public string? Failure => Tasks.Count > 0 ? null
        : Process.TimedOut ? $"the planner timed out after {Process.Duration.TotalSeconds:0} s"
        : Error is { } error ? $"the planner reported an error: {error}"
        : Process.ExitCode != 0 ? $"the planner exited with code {Process.ExitCode}{(Process.StandardErrorTail(3) is { Length: > 0 } tail ? ": " + tail.ReplaceLineEndings(" ").Trim() : string.Empty)}"
        : Problems.Count > 0 ? $"the planner gave no valid task: {Problems[0]}"
        : "the planner gave no tasks";
}

/// <summary>Starts a planner and collects what it writes, calling back for each task the moment it is complete.</summary>
public static class PlannerRun
{
    public static async Task<PlannerAttempt> RunAsync(
        PlannerAgent agent, IProcessRunner runner, PlanningRequest request, PlanningFeedback? feedback, string folder, int attempt, Action<PlannedTask>? onTask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(request);
        var streamed = new List<PlannedTask>();
        var problems = new List<string>();
        IReadOnlyList<PlannedTask>? answer = null;
        var output = new PlannerOutput();
        output.TaskEmitted += task =>
        {
            streamed.Add(task);
            onTask?.Invoke(task);
        };
        output.Answered += tasks => answer = tasks;
        output.Problem += problems.Add;
        var prompt = PlannerPrompt.Compose(request, feedback);
        var process = await agent.RunAsync(
            runner, request.Repository, prompt, Path.Combine(folder, $"prompt-{attempt}.md"), Path.Combine(folder, "planner.log"), output, cancellationToken);
        return new PlannerAttempt(streamed, answer, problems, process, output.Error);
    }
}
