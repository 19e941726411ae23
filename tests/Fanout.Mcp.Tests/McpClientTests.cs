using System.Collections.Concurrent;
using System.Text.Json;

using Fanout.Processes;
using Fanout.TestSupport;

using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

using Shouldly;

using Xunit;

namespace Fanout.Mcp.Tests;

/// <summary>The SDK's own MCP client over stdio against the real <c>fanout mcp</c> process, as Claude Code would drive it.</summary>
public sealed class McpClientTests
{
    [Fact]
    public async Task A_client_lists_the_tools_starts_a_run_follows_it_to_the_end_and_reads_a_tasks_log()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2, """[sh, -c, 'echo "working on $FANOUT_TASK"; sleep 1; echo x > "done-$FANOUT_TASK.txt"']"""));
        await using var client = await ConnectAsync(repository.Path);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToArray();
        tools.ShouldBe(["check_plan", "start_run", "follow_run", "run_status", "task_log", "task_diff", "retry_task", "merge", "open_questions", "answer"], ignoreOrder: true);

        var started = Json(await client.CallToolAsync("start_run", new Dictionary<string, object?> { ["plan"] = "fanout.yaml" }));
        var runId = started.GetProperty("runId").GetString()!;
        started.GetProperty("state").GetString().ShouldBe("running");

        var progress = new ConcurrentQueue<ProgressNotificationValue>();
        var followed = await client.CallToolAsync("follow_run", new Dictionary<string, object?> { ["run"] = runId }, new SynchronousProgress(progress.Enqueue));
        var status = Json(followed);
        status.GetProperty("run").GetProperty("state").GetString().ShouldBe("succeeded");
        status.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("state").GetString()).ShouldBe(["succeeded", "succeeded"]);
        progress.ShouldContain(p => p.Message!.Contains("task-1", StringComparison.Ordinal) && p.Message.Contains("agent", StringComparison.Ordinal));
        progress.ShouldContain(p => p.Message!.Contains($"run {runId} started", StringComparison.Ordinal));

        var log = Text(await client.CallToolAsync("task_log", new Dictionary<string, object?> { ["task"] = "task-1", ["run"] = runId }));
        log.ShouldContain("working on task-1");
        var diff = Text(await client.CallToolAsync("task_diff", new Dictionary<string, object?> { ["task"] = "task-2" }));
        diff.ShouldContain("+++ b/done-task-2.txt");
        var resource = await client.ReadResourceAsync($"fanout://runs/{runId}");
        ((TextResourceContents)resource.Contents.Single()).Text.ShouldContain("\"state\": \"succeeded\"");
    }

    [Fact]
    public async Task A_plan_that_does_not_validate_comes_back_as_the_tools_error_with_its_position()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("bad.yaml", "name: bad\ntasks:\n  - id: a\n    prompt: x\n    dependsOn: [nowhere]\n");
        await using var client = await ConnectAsync(repository.Path);

        var checkedPlan = await client.CallToolAsync("check_plan", new Dictionary<string, object?> { ["plan"] = "bad.yaml" });

        checkedPlan.IsError.ShouldBe(true);
        Text(checkedPlan).ShouldContain("bad.yaml:5:17: unknown dependency 'nowhere'");
    }

    [Fact]
    public async Task Tasks_given_inline_run_under_the_projects_defaults_and_an_agents_question_is_answered_by_the_main_agent()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", """
            agent: asker
            agents:
              asker:
                command: [sh, -c, 'answer=$("$FANOUT_CLI" ask "Which colour?"); echo "$answer" > colour.txt']
            tasks: []
            """);
        await using var client = await ConnectAsync(repository.Path);

        var started = Json(await client.CallToolAsync("start_run", new Dictionary<string, object?>
        {
            ["tasks"] = JsonSerializer.SerializeToElement(new[] { new { id = "paint", title = "Paint", prompt = "Choose a colour" } }),
        }));
        var runId = started.GetProperty("runId").GetString()!;
        var open = await OpenQuestionsAsync(client, runId);
        open.Single().GetProperty("question").GetString().ShouldBe("Which colour?");
        Text(await client.CallToolAsync("answer", new Dictionary<string, object?> { ["task"] = "paint", ["answer"] = "blue", ["run"] = runId })).ShouldContain("Which colour?");

        var status = Json(await client.CallToolAsync("follow_run", new Dictionary<string, object?> { ["run"] = runId }));
        status.GetProperty("run").GetProperty("state").GetString().ShouldBe("succeeded");
        var diff = Text(await client.CallToolAsync("task_diff", new Dictionary<string, object?> { ["task"] = "paint", ["run"] = runId }));
        diff.ShouldContain("+blue");
    }

    [Fact]
    public async Task A_failed_task_is_retried_with_a_follow_up_instruction_and_succeeds()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(1, """[sh, -c, 'grep -q "use the second way" "$FANOUT_PROMPT_FILE" && echo ok > ok.txt']"""));
        await using var client = await ConnectAsync(repository.Path);
        var first = Json(await client.CallToolAsync("start_run", new Dictionary<string, object?> { ["plan"] = "fanout.yaml" })).GetProperty("runId").GetString()!;
        Json(await client.CallToolAsync("follow_run", new Dictionary<string, object?> { ["run"] = first })).GetProperty("run").GetProperty("state").GetString().ShouldBe("failed");

        var retried = Json(await client.CallToolAsync("retry_task", new Dictionary<string, object?> { ["task"] = "task-1", ["prompt"] = "Do it, and use the second way.", ["run"] = first }));

        retried.GetProperty("runId").GetString().ShouldBe(first, "a retry takes the same run up again");
        var status = Json(await client.CallToolAsync("follow_run", new Dictionary<string, object?> { ["run"] = first }));
        status.GetProperty("run").GetProperty("state").GetString().ShouldBe("succeeded");
        Text(await client.CallToolAsync("task_diff", new Dictionary<string, object?> { ["task"] = "task-1", ["run"] = first })).ShouldContain("+ok");
    }

    private static async Task<McpClient> ConnectAsync(string repository) =>
        await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "fanout",
            Command = ProgramLocator.Find("dotnet") ?? "dotnet",
            Arguments = [FanoutCli.Dll, "mcp", "--repo", repository],
            WorkingDirectory = repository,
            EnvironmentVariables = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1" },
        }));

    // A bounded wait for the agent's question, not a timing assertion.
    private static async Task<JsonElement[]> OpenQuestionsAsync(McpClient client, string runId)
    {
        for (var i = 0; i < 400; i++)
        {
            var questions = Json(await client.CallToolAsync("open_questions", new Dictionary<string, object?> { ["run"] = runId })).GetProperty("questions").EnumerateArray().ToArray();
            if (questions.Length > 0)
            {
                return questions;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("no question came");
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static JsonElement Json(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, Text(result));
        return JsonDocument.Parse(Text(result)).RootElement.Clone();
    }

    /// <summary>Progress as it is reported, without the thread pool hop of <see cref="Progress{T}"/>.</summary>
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
