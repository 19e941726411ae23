using CsCheck;

using Fanout.Agents;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Fuzz.Tests;

/// <summary>
/// The readers of agents' machine output, fed recorded lines mutated and JSON made of the fields they
/// read with values of every type. An agent prints what it likes, so a reader may throw nothing at all.
/// </summary>
[Collection(Fuzzing.Collection)]
public sealed class AgentOutputFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fields =
        ["type", "subtype", "is_error", "num_turns", "total_cost_usd", "permission_denials", "tool_name", "tool_input", "message", "content", "text", "name", "input",
         "file_path", "command", "result", "model", "permissionMode", "item", "usage", "input_tokens", "output_tokens", "error", "thread_id", "changes", "kind", "path", "exit_code", "server", "tool", "query"];

    private static readonly string[] Types =
        ["\"system\"", "\"init\"", "\"assistant\"", "\"user\"", "\"result\"", "\"tool_use\"", "\"tool_result\"", "\"text\"", "\"thread.started\"", "\"turn.started\"", "\"item.completed\"",
         "\"turn.completed\"", "\"turn.failed\"", "\"error\"", "\"agent_message\"", "\"command_execution\"", "\"file_change\"", "\"mcp_tool_call\"", "\"web_search\""];

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, inner) => depth > 4
        ? Leaf()
        : Gen.Frequency(
            (5, Leaf()),
            (2, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (3, Gen.Select(Gen.OneOf(Fields), inner).Array[0, 6].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"))));

    private static readonly Gen<string> Line = Gen.Select(Gen.OneOf(Types), Gen.Select(Gen.OneOf(Fields), Json).Array[0, 8], Gen.OneOf(Types), (type, pairs, subtype) =>
        "{\"type\":" + type + ",\"subtype\":" + subtype + string.Concat(pairs.Select(p => $",\"{p.Item1}\":{p.Item2}")) + "}");

    /// <summary>Lines shaped like the ones each reader acts on, every field the reader reads given a value of any type.</summary>
    private static readonly Gen<string> Shaped = Gen.SelectMany(
        Gen.OneOf(
            "{\"type\":\"result\",\"subtype\":@,\"is_error\":@,\"num_turns\":@,\"total_cost_usd\":@,\"permission_denials\":[{\"tool_name\":@,\"tool_input\":{\"file_path\":@}}],\"result\":@}",
            "{\"type\":\"system\",\"subtype\":\"init\",\"model\":@,\"permissionMode\":@}",
            "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"name\":@,\"input\":{\"command\":@,\"url\":@}},{\"type\":\"text\",\"text\":@}]}}",
            "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"is_error\":true,\"content\":@}]}}",
            "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":@,\"output_tokens\":@}}",
            "{\"type\":\"turn.failed\",\"error\":{\"message\":@}}",
            "{\"type\":\"item.completed\",\"item\":{\"type\":@,\"text\":@,\"command\":@,\"exit_code\":@,\"changes\":@,\"server\":@,\"tool\":@,\"query\":@,\"message\":@}}",
            "{\"type\":\"error\",\"message\":@}",
            "{\"type\":\"thread.started\",\"thread_id\":@}"),
        template => Json.Array[8].Select(values => Fill(template, values)));

    [Fact]
    public void Claude_stream_json_is_read_without_throwing()
    {
        Fuzzing.Run(output, "claude stream-json", 0.13, Lines(Seeds.AgentLines("claude")), lines => Feed(new ClaudeStreamJsonReader(), lines), anyErrorIsAFinding: true, print: Print);
    }

    [Fact]
    public void Codex_json_is_read_without_throwing()
    {
        Fuzzing.Run(output, "codex json", 0.13, Lines(Seeds.AgentLines("codex")), lines => Feed(new CodexJsonReader(), lines), anyErrorIsAFinding: true, print: Print);
    }

    private static Gen<string> Leaf() => Gen.Frequency(
        (3, Gen.OneOf("null", "true", "false", "0", "-0", "1", "-1", "3.5", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "9223372036854775808", "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "{}", "[]")),
        (2, Gen.OneOf(Types)),
        (2, Gen.String[0, 40].Select(s => "\"" + string.Concat(s.Select(c => c is '"' or '\\' || c < ' ' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"")),
        (1, Gen.Int[60, 2000].Select(n => new string('[', n) + new string(']', n))));

    private static Gen<string[]> Lines(IReadOnlyList<string> recorded) =>
        Gen.Frequency((2, Line), (4, Shaped), (2, Mutations.Of(recorded, 4)), (1, Gen.String[0, 50])).Array[1, 12];

    private static string Fill(string template, string[] values)
    {
        var parts = template.Split('@');
        return string.Concat(parts.Select((part, i) => i == 0 ? part : values[(i - 1) % values.Length] + part));
    }

    private static void Feed(IAgentOutputReader reader, string[] lines)
    {
        var progress = new Progress<AgentProgress>(_ => { });
        foreach (var line in lines)
        {
            reader.Read(line, progress);
        }

        _ = reader.Report?.Notes();
    }

    private static string Print(string[] lines) => string.Join("\n", lines.Select(Fuzzing.Print));
}
