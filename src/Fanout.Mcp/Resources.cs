using System.ComponentModel;
using System.Text.Json;

using Fanout.Reporting;

using ModelContextProtocol.Server;

namespace Fanout.Mcp;

/// <summary>Runs and tasks as MCP resources: the runs, one run's status, one task's status with the tail of its log.</summary>
internal static class Resources
{
    public static string RunUri(string runId) => $"fanout://runs/{runId}";

    public static string TaskUri(string runId, string taskId) => $"fanout://runs/{runId}/tasks/{taskId}";

    public static IEnumerable<McpServerResource> Create(FanoutTools tools) =>
    [
        McpServerResource.Create(
            async (CancellationToken cancellationToken) =>
            {
                await using var session = await tools.SessionAsync(cancellationToken);
                var journal = await session.ExistingJournalAsync(cancellationToken);
                var runs = await journal.ListRunsAsync(20, cancellationToken);
                return JsonSerializer.Serialize(runs.Select(r => new { id = r.Id, state = r.State.ToString().ToLowerInvariant(), plan = r.Info.PlanName, startedAt = r.StartedAt, tasks = r.Tasks.Count, uri = RunUri(r.Id) }), FanoutTools.Json);
            },
            new McpServerResourceCreateOptions { UriTemplate = "fanout://runs", Name = "runs", Description = "The repository's latest Fanout runs, newest first.", MimeType = "application/json" }),
        McpServerResource.Create(
            async ([Description("The run id.")] string runId, CancellationToken cancellationToken) => await tools.StatusJsonAsync(runId, cancellationToken),
            new McpServerResourceCreateOptions { UriTemplate = "fanout://runs/{runId}", Name = "run", Description = "One run's status, as 'fanout status --json' prints it.", MimeType = "application/json" }),
        McpServerResource.Create(
            async ([Description("The run id.")] string runId, [Description("The task id.")] string taskId, CancellationToken cancellationToken) =>
            {
                await using var session = await tools.SessionAsync(cancellationToken);
                var run = await session.LoadRunAsync(runId, cancellationToken);
                FanoutTools.TaskOf(run, taskId);
                var status = StatusBuilder.Build(run, session.Time.GetUtcNow()).Tasks.Single(t => t.Id == taskId);
                var log = File.Exists(session.Paths.LogFile(run.Id, taskId)) ? await FanoutTools.LogTailAsync(session, run, taskId, 50, cancellationToken) : null;
                return JsonSerializer.Serialize(new { task = status, logTail = log }, FanoutTools.Json);
            },
            new McpServerResourceCreateOptions { UriTemplate = "fanout://runs/{runId}/tasks/{taskId}", Name = "task", Description = "One task: its status and the last lines of its log.", MimeType = "application/json" }),
    ];
}
