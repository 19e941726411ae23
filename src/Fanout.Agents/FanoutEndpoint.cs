using System.Text.Json;

namespace Fanout.Agents;

/// <summary>
/// The per-run Fanout MCP server a task agent starts over stdio (<c>fanout mcp --task TASK --run RUN
/// --repo REPO</c>), giving it <c>report_progress</c> and <c>ask</c>; named by the FANOUT_* variables the
/// run gives every agent, so it exists only when the run says how to start fanout (FANOUT_CLI).
/// </summary>
public sealed record FanoutEndpoint(string Command, IReadOnlyList<string> Arguments)
{
    /// <summary>The MCP server's name: Claude Code calls its tools <c>mcp__fanout__ask</c> and <c>mcp__fanout__report_progress</c>.</summary>
    public const string ServerName = "fanout";

    public static FanoutEndpoint? For(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        string? Get(string name) => invocation.Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        if (Get("FANOUT_CLI") is not { } cli || Get("FANOUT_REPO") is not { } repo)
        {
            return null;
        }

        List<string> arguments = ["mcp", "--task", invocation.TaskId, "--run", invocation.RunId, "--repo", repo];
        if (Get("FANOUT_ASK_TIMEOUT") is { } timeout)
        {
            arguments.AddRange(["--ask-timeout", timeout]);
        }

        return new FanoutEndpoint(cli, arguments);
    }

    /// <summary>Claude Code's <c>--mcp-config</c> JSON: one stdio server.</summary>
    public string ClaudeConfig() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["mcpServers"] = new Dictionary<string, object>
        {
            [ServerName] = new { type = "stdio", command = Command, args = Arguments },
        },
    });

    /// <summary>Codex's <c>-c key=value</c> overrides (TOML values) that add the same server.</summary>
    public IReadOnlyList<string> CodexOverrides() =>
    [
        "-c", $"mcp_servers.{ServerName}.command={JsonSerializer.Serialize(Command)}",
        "-c", $"mcp_servers.{ServerName}.args=[{string.Join(", ", Arguments.Select(a => JsonSerializer.Serialize(a)))}]",
    ];
}
