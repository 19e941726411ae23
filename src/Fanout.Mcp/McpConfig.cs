using System.Text;
using System.Text.Json;

using Fanout.Orchestration.Session;

namespace Fanout.Mcp;

/// <summary>What <c>fanout mcp --print-config</c> prints: the <c>.mcp.json</c> entry for Claude Code, and the <c>claude mcp add</c> line that writes it.</summary>
public static class McpConfig
{
    public static string Render(FanoutCommand? self, string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var (command, prefix) = self is null ? ("fanout", Array.Empty<string>()) : (self.Program, self.Prefix.ToArray());
        string[] args = [.. prefix, "mcp", "--repo", repository];
        var entry = new Dictionary<string, object>
        {
            ["mcpServers"] = new Dictionary<string, object> { ["fanout"] = new { type = "stdio", command, args } },
        };
        var text = new StringBuilder();
        text.AppendLine("# Add to .mcp.json at the root of the repository (Claude Code reads it there), or merge into an existing one:");
        text.AppendLine(JsonSerializer.Serialize(entry, FanoutTools.Json));
        text.AppendLine();
        text.AppendLine("# Or let Claude Code write it:");
        text.Append("claude mcp add --scope project fanout -- ").AppendLine(string.Join(' ', new[] { command }.Concat(args).Select(Quote)));
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
