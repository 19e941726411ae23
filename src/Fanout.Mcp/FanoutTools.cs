using System.Text.Json;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Reporting;

using ModelContextProtocol.Protocol;

namespace Fanout.Mcp;

/// <summary>What every tool of <c>fanout mcp</c> shares: the repository, a session per call, one way to say what went wrong.</summary>
internal sealed class FanoutTools(FanoutHost host, string? repository)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public FanoutHost Host => host;

    public string? Repository => repository;

    public Task<FanoutSession> SessionAsync(CancellationToken cancellationToken) => FanoutSession.OpenAsync(host, repository, cancellationToken);

    /// <summary>Runs a tool's body; bad input becomes the tool's error text, as the CLI would print it, not a protocol failure.</summary>
    public static async Task<CallToolResult> GuardAsync(Func<Task<CallToolResult>> body)
    {
        try
        {
            return await body();
        }
        catch (UserInputException input)
        {
            return StdioServer.Text(string.Join("\n", input.Problems.Select(p => p.ToString())), error: true);
        }
#pragma warning disable CA1031 // A tool reports its failure to the agent; the server must go on serving.
        catch (Exception error) when (error is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return StdioServer.Text($"{error.GetType().Name}: {error.Message}", error: true);
        }
    }

    public static CallToolResult JsonResult(object value) => StdioServer.Text(JsonSerializer.Serialize(value, Json));

    public async Task<string> StatusJsonAsync(string? runId, CancellationToken cancellationToken)
    {
        await using var session = await SessionAsync(cancellationToken);
        var run = await session.LoadRunAsync(runId, cancellationToken);
        return StatusBuilder.Build(run, host.Time.GetUtcNow()).ToJson();
    }

    /// <summary>The task of the run, or one line naming the run's tasks.</summary>
    public static TaskSnapshot TaskOf(RunSnapshot run, string taskId) =>
        run.Tasks.FirstOrDefault(t => t.Id == taskId)
            ?? throw new UserInputException($"run {run.Id} has no task '{taskId}'; its tasks: {string.Join(", ", run.Tasks.Select(t => t.Id))}");

    /// <summary>The last <paramref name="lines"/> lines of the task's log.</summary>
    public static async Task<string> LogTailAsync(FanoutSession session, RunSnapshot run, string taskId, int lines, CancellationToken cancellationToken)
    {
        TaskOf(run, taskId);
        var file = session.Paths.LogFile(run.Id, taskId);
        if (!File.Exists(file))
        {
            throw new UserInputException($"task '{taskId}' of run {run.Id} has no log yet ({file})");
        }

        var all = await File.ReadAllLinesAsync(file, cancellationToken);
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - Math.Max(1, lines))));
    }
}
