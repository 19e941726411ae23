using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

/// <summary>Regression cases from the fuzzer: agent output that once made a reader throw, which stopped the agent's run from being read.</summary>
public sealed class HostileOutputTests
{
    public static TheoryData<string> Lines { get; } = new()
    {
        // A JSON escape naming half a surrogate pair: valid JSON, but no .NET string can hold it.
        """{"type":"thread.started","thread_id":"\ud800"}""",
        """{"type":"user","message":{"content":[{"type":"tool_result","is_error":true,"content":"\udc00 after"}]}}""",
        """{"type":"item.completed","item":{"type":"agent_message","text":"\ud800"}}""",

        // Half a surrogate pair in the text itself: the parser cannot transcode the line.
        "{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"x\uD800\"}",

        // A cost JSON allows that no decimal holds.
        """{"type":"result","subtype":"success","num_turns":1,"total_cost_usd":1e400}""",

        // Nesting past the parser's depth.
        "{\"type\":\"result\",\"result\":" + new string('[', 2000) + new string(']', 2000) + "}",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Claudes_reader_takes_any_line_without_throwing(string line)
    {
        var reader = new ClaudeStreamJsonReader();

        Should.NotThrow(() => reader.Read(line, new Progress<AgentProgress>(_ => { })));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Codexs_reader_takes_any_line_without_throwing(string line)
    {
        var reader = new CodexJsonReader();

        Should.NotThrow(() => reader.Read(line, new Progress<AgentProgress>(_ => { })));
    }

    [Fact]
    public void A_result_with_a_cost_too_big_for_a_decimal_is_still_the_agents_report()
    {
        var reader = new ClaudeStreamJsonReader();

        reader.Read("""{"type":"result","subtype":"success","is_error":false,"num_turns":2,"total_cost_usd":1e400}""", null);

        reader.Report!.Summary.ShouldBe("success, 2 turn(s)");
    }
}
