using System.Text;
using System.Text.Json;

using Fanout.Simulation.Anthropic;
using Fanout.TestSupport;

namespace Fanout.Planning.Tests;

/// <summary>Scripts for the real Claude Code CLI as a planner: the model answers through the StructuredOutput tool.</summary>
internal static class ScriptedPlanner
{
    /// <summary>Glob the repository (a read-only tool), then give the tasks, one every <paramref name="every"/>, then say it is done.</summary>
    public static IReadOnlyList<IReadOnlyList<ModelBlock>> Answers(TimeSpan every, params object[] tasks)
    {
        var parts = tasks.Select((task, i) => (i == 0 ? "{\"tasks\":[" : ",") + JsonSerializer.Serialize(task)).ToList();
        parts[^1] += "]}";
        return
        [
            [ModelBlock.Say("Looking at the repository."), ModelBlock.Call("Glob", _ => new() { ["pattern"] = "*" })],
            [ModelBlock.CallSlowly("StructuredOutput", parts, every)],
            [ModelBlock.Say("The plan is written.")],
        ];
    }

    public static object Task(string id, params string[] dependsOn) => new { id, title = $"Task {id}", prompt = $"Write done-{id}.txt", dependsOn, files = new[] { $"done-{id}.txt" } };

    /// <summary>The project's fanout.yaml: the claude planner kept offline, and a command agent for the tasks.</summary>
    public static string Defaults(ScriptedAnthropicServer model, string state)
    {
        var text = new StringBuilder();
        text.AppendLine("agent: edit");
        text.AppendLine("agents:");
        text.AppendLine("  edit:");
        text.AppendLine($"    command: {PlanText.EditingAgent}");
        text.AppendLine("  claude:");
        text.AppendLine("    timeout: 3m");
        text.AppendLine("    env:");
        foreach (var (name, value) in ClaudeCli.OfflineEnvironment(model.BaseUrl, state))
        {
            text.AppendLine($"      {name}: \"{value}\"");
        }

        text.AppendLine("tasks: []");
        return text.ToString();
    }
}
