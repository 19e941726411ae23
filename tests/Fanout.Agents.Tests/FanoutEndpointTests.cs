using System.Text.Json;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

/// <summary>The presets hand an agent its run's Fanout endpoint when the run gives one (FANOUT_CLI), and nothing otherwise.</summary>
public sealed class FanoutEndpointTests
{
    private static readonly Dictionary<string, string> NoOptions = [];

    [Fact]
    public void Claude_gets_the_endpoint_through_mcp_config_with_its_tools_allowed()
    {
        var arguments = new ClaudePreset().Arguments(Invocation(withEndpoint: true), new Dictionary<string, string> { ["allowedTools"] = "Read,Edit" });

        var config = arguments[arguments.ToList().IndexOf("--mcp-config") + 1];
        using var json = JsonDocument.Parse(config);
        var server = json.RootElement.GetProperty("mcpServers").GetProperty("fanout");
        server.GetProperty("type").GetString().ShouldBe("stdio");
        server.GetProperty("command").GetString().ShouldBe("/opt/fanout/bin/fanout");
        server.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ShouldBe(["mcp", "--task", "api", "--run", "r1", "--repo", "/repo"]);
        arguments.TakeLast(2).ShouldBe(["--allowedTools", "Read,Edit,mcp__fanout"]);
    }

    [Fact]
    public void Without_an_endpoint_claudes_arguments_are_as_before()
    {
        var arguments = new ClaudePreset().Arguments(Invocation(withEndpoint: false), NoOptions);

        arguments.ShouldNotContain("--mcp-config");
        arguments.ShouldNotContain("--allowedTools");
    }

    [Fact]
    public void Claude_waits_for_the_endpoint_to_connect_only_when_it_has_one()
    {
        IAgentPreset claude = new ClaudePreset();

        claude.Environment(Invocation(withEndpoint: true)).ShouldBe(new Dictionary<string, string?> { ["MCP_CONNECTION_NONBLOCKING"] = "false" });
        claude.Environment(Invocation(withEndpoint: false)).ShouldBeEmpty();
    }

    [Fact]
    public void Codex_gets_the_endpoint_as_config_overrides_before_the_prompt_marker()
    {
        var arguments = new CodexPreset().Arguments(Invocation(withEndpoint: true), NoOptions);

        arguments.ShouldContain("mcp_servers.fanout.command=\"/opt/fanout/bin/fanout\"");
        arguments.ShouldContain("mcp_servers.fanout.args=[\"mcp\", \"--task\", \"api\", \"--run\", \"r1\", \"--repo\", \"/repo\"]");
        arguments[^1].ShouldBe("-");
    }

    private static AgentInvocation Invocation(bool withEndpoint) => new("r1", "api", "API", "/p.md", "/wt", "fanout/r1/api", "/log")
    {
        Environment = withEndpoint
            ? new Dictionary<string, string?> { ["FANOUT_CLI"] = "/opt/fanout/bin/fanout", ["FANOUT_REPO"] = "/repo" }
            : new Dictionary<string, string?> { ["FANOUT_REPO"] = "/repo" },
    };
}
