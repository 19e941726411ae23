using System.Text.Json;

namespace Fanout.Journal;

/// <summary>
/// Reads the journal's JSON form back into events without the serializer's contracts. Building those
/// costs a cold process more than the rest of <c>fanout status</c> together, so the commands people
/// and agents run in a loop read events here. The serializer stays the reference: anything this
/// reader does not know (a kind, a shape) is handed to <see cref="RunEventJson.Deserialize"/>.
/// </summary>
internal static class RunEventReader
{
    public static RunEvent Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var e = document.RootElement;
        try
        {
            return Read(e) ?? RunEventJson.Deserialize(json);
        }
        catch (Exception error) when (error is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return RunEventJson.Deserialize(json);
        }
    }

    private static RunEvent? Read(JsonElement e)
    {
        var runId = Text(e, "runId");
        var at = e.GetProperty("at").GetDateTimeOffset();
        return Text(e, "kind") switch
        {
            "runStarted" => new RunStarted(runId, at, Info(e.GetProperty("run")), Number(e, "attempt") ?? 1, Maybe(e, "reason")),
            "taskRegistered" => new TaskRegistered(runId, at, Text(e, "taskId"), Text(e, "title"), Texts(e, "dependsOn")),
            "phaseStarted" => new PhaseStarted(runId, at, Text(e, "taskId"), Enum<Phase>(e, "phase"), Maybe(e, "detail"), Maybe(e, "worker")),
            "phaseEnded" => new PhaseEnded(runId, at, Text(e, "taskId"), Enum<Phase>(e, "phase"), Enum<PhaseOutcome>(e, "outcome"), Maybe(e, "detail"), Maybe(e, "worker")),
            "taskStateChanged" => new TaskStateChanged(runId, at, Text(e, "taskId"), Enum<TaskState>(e, "state"), Maybe(e, "reason")),
            "taskLinked" => new TaskLinked(runId, at, Text(e, "taskId"), Number(e, "issue"), Maybe(e, "issueUrl"), Maybe(e, "branch"), Maybe(e, "worktree"), Maybe(e, "agentSession"), Maybe(e, "startHead")),
            "taskFailed" => new TaskFailed(runId, at, Text(e, "taskId"), Enum<Phase>(e, "phase"), Text(e, "message"), Maybe(e, "command"), Number(e, "exitCode"), Maybe(e, "stderrTail")),
            "agentActivity" => new AgentActivity(runId, at, Text(e, "taskId"), Text(e, "activityKind"), Text(e, "text")),
            "trackerRequested" => new TrackerRequested(runId, at, Text(e, "taskId"), Text(e, "operation"), Number(e, "rateLimitRemaining")),
            "runFinished" => new RunFinished(runId, at, Enum<RunState>(e, "state"), e.GetProperty("exitCode").GetInt32(), Long(e, "peakMemoryBytes")),
            "workspaceIntended" => new WorkspaceIntended(runId, at, Text(e, "taskId"), Text(e, "branch"), Text(e, "worktree")),
            "issueIntended" => new IssueIntended(runId, at, Text(e, "taskId"), Text(e, "tracker")),
            "processStarted" => new ProcessStarted(runId, at, Text(e, "taskId"), e.GetProperty("pid").GetInt32(), Long(e, "startTicks"), Text(e, "command")),
            "processExited" => new ProcessExited(runId, at, Text(e, "taskId"), e.GetProperty("pid").GetInt32(), e.GetProperty("exitCode").GetInt32()),
            "taskResumed" => new TaskResumed(runId, at, Text(e, "taskId"), e.GetProperty("attempt").GetInt32(), Text(e, "from")),
            _ => null,
        };
    }

    private static RunInfo Info(JsonElement run) => new(
        Text(run, "planName"),
        Text(run, "planFile"),
        Text(run, "repository"),
        Text(run, "baseRef"),
        Text(run, "baseCommit"),
        Text(run, "strategy"),
        Text(run, "tracker"),
        run.GetProperty("maxParallel").GetInt32())
    {
        Agent = Maybe(run, "agent"),
        PullRequests = run.TryGetProperty("pullRequests", out var pr) && pr.ValueKind != JsonValueKind.Null ? pr.GetBoolean() : null,
        TrackerLatencyMs = run.TryGetProperty("trackerLatencyMs", out var latency) && latency.ValueKind != JsonValueKind.Null ? latency.GetDouble() : null,
        TaskIds = run.TryGetProperty("taskIds", out var ids) && ids.ValueKind != JsonValueKind.Null ? Texts(run, "taskIds") : null,
        Remote = Maybe(run, "remote"),
    };

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null");

    private static string? Maybe(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static int? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetInt32() : null;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetInt64() : null;

    private static string[] Texts(JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateArray().Select(item => item.GetString() ?? throw new FormatException($"{name} holds a null"))];

    // The journal writes enums in camelCase, as RunEventJson's converter does; other spellings go to the serializer.
    private static T Enum<T>(JsonElement e, string name)
        where T : struct, Enum
    {
        var text = Text(e, name);
        return text.Length > 0 && char.IsLower(text[0]) && !text.Contains(',', StringComparison.Ordinal) && System.Enum.TryParse<T>(text, ignoreCase: true, out var value)
            ? value
            : throw new FormatException($"{name} '{text}' is not a {typeof(T).Name}");
    }
}
