using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Fanout.Simulation.Anthropic;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>
/// The real Claude Code CLI as a task agent, against the scripted Messages endpoint, reaching its run
/// through the per-run Fanout MCP endpoint: it reports progress, asks, is held until <c>fanout answer</c>,
/// and its next request carries the answer.
/// </summary>
public sealed class AgentQuestionTests : IDisposable
{
    private readonly TempDirectory _state = new("ask-state");

    [ClaudeCliFact]
    public async Task Claude_asks_through_the_fanout_endpoint_is_held_until_fanout_answer_and_is_told_the_answer()
    {
        using var model = ScriptedAnthropicServer.Start(
            [ModelBlock.Call("mcp__fanout__report_progress", _ => new JsonObject { ["text"] = "read the code" })],
            [ModelBlock.Call("mcp__fanout__ask", _ => new JsonObject { ["question"] = "Which port should the server use?" })],
            [ModelBlock.Call("Write", cwd => new JsonObject { ["file_path"] = cwd + "/port.txt", ["content"] = "8080\n" })],
            [ModelBlock.Say("port.txt is written.")]);
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", Plan(model));
        var run = FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--plain");

        var waiting = await TaskStatusAsync(repository.Path, run, task => task.GetProperty("question").ValueKind == JsonValueKind.String);
        waiting.GetProperty("question").GetString().ShouldBe("Which port should the server use?");
        waiting.GetProperty("progress").GetString().ShouldBe("read the code", (await FanoutCli.RunAsync(repository.Path, "logs", "port")).StandardOutput);
        waiting.GetProperty("state").GetString().ShouldBe("running");
        model.ToolResults.ShouldNotContain(r => r.Contains("8080", StringComparison.Ordinal), "the agent must still be held");

        var answered = await FanoutCli.RunAsync(repository.Path, "answer", "port", "Use 8080");
        answered.ExitCode.ShouldBe(0, answered.StandardError);

        var ran = await run;
        ran.ExitCode.ShouldBe(0, ran.StandardOutput + ran.StandardError);
        model.ToolResults.ShouldContain("Use 8080");
        ran.StandardOutput.ShouldContain("question    Which port should the server use?");
        ran.StandardOutput.ShouldContain("answered    by user: Use 8080");
        var status = JsonDocument.Parse((await FanoutCli.RunAsync(repository.Path, "status", "--json")).StandardOutput).RootElement.GetProperty("tasks")[0];
        status.GetProperty("progress").GetString().ShouldBe("read the code");
        status.GetProperty("questions").GetInt32().ShouldBe(1);
        status.GetProperty("question").ValueKind.ShouldBe(JsonValueKind.Null);
        status.GetProperty("waitingSeconds").GetDouble().ShouldBeGreaterThan(0);
        (await repository.GitAsync("show", $"{status.GetProperty("branch").GetString()}:port.txt")).ShouldBe("8080");
    }

    [ClaudeCliFact]
    public async Task A_question_nobody_answers_is_answered_by_the_timeout_and_the_agent_goes_on()
    {
        using var model = ScriptedAnthropicServer.Start(
            [ModelBlock.Call("mcp__fanout__ask", _ => new JsonObject { ["question"] = "Tabs or spaces?" })],
            [ModelBlock.Call("Write", cwd => new JsonObject { ["file_path"] = cwd + "/port.txt", ["content"] = "spaces\n" })],
            [ModelBlock.Say("Done.")]);
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", Plan(model));

        var ran = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--plain", "--ask-timeout", "1s");

        ran.ExitCode.ShouldBe(0, ran.StandardOutput + ran.StandardError);
        model.ToolResults.ShouldContain("no answer; use your judgement");
        ran.StandardOutput.ShouldContain("answered    by timeout: no answer; use your judgement");
    }

    public void Dispose() => _state.Dispose();

    private string Plan(ScriptedAnthropicServer model)
    {
        var text = new StringBuilder();
        text.AppendLine("name: ask");
        text.AppendLine("agent: claude");
        text.AppendLine("agents:");
        text.AppendLine("  claude:");
        text.AppendLine("    timeout: 3m");
        text.AppendLine("    env:");
        foreach (var (name, value) in ClaudeCli.OfflineEnvironment(model.BaseUrl, _state.Path))
        {
            text.AppendLine($"      {name}: \"{value}\"");
        }

        text.AppendLine("tasks:");
        text.AppendLine("  - id: port");
        text.AppendLine("    title: Choose the port");
        text.AppendLine("    prompt: Write the server's port into port.txt; ask which port if you do not know.");
        return text.ToString();
    }

    // A bounded wait for a state another process reaches, not a timing assertion.
    private static async Task<JsonElement> TaskStatusAsync(string repository, Task run, Func<JsonElement, bool> reached)
    {
        for (var i = 0; i < 600 && !run.IsCompleted; i++)
        {
            var status = await FanoutCli.RunAsync(repository, "status", "--json");
            if (status.ExitCode == 0 && JsonDocument.Parse(status.StandardOutput).RootElement.GetProperty("tasks") is { ValueKind: JsonValueKind.Array } tasks
                && tasks.GetArrayLength() > 0 && reached(tasks[0]))
            {
                return tasks[0].Clone();
            }

            await Task.Delay(250);
        }

        var log = await FanoutCli.RunAsync(repository, "logs", "port");
        throw new InvalidOperationException($"the task never got there; the run {(run.IsCompleted ? "ended" : "is still going")}; its log:\n{log.StandardOutput}");
    }
}
