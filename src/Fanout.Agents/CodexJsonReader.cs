namespace Fanout.Agents;

/// <summary>
/// Reads Codex CLI's <c>codex exec --json</c> lines: <c>thread.started</c>, <c>turn.started</c>,
/// <c>item.started</c>/<c>item.completed</c> (items of type <c>agent_message</c>, <c>command_execution</c>,
/// <c>file_change</c>, <c>mcp_tool_call</c>, <c>web_search</c>, <c>error</c>, ...), <c>turn.completed</c> with
/// usage, <c>turn.failed</c> and <c>error</c>. The format is the one Codex CLI 0.171.0 prints (fixtures captured
/// from it are in the Agents tests). Items are reported when they complete, so each shows once.
/// </summary>
public sealed class CodexJsonReader : IAgentOutputReader
{
    private int _turns;
    private string? _lastError;

    public AgentReport? Report { get; private set; }

    public void Read(string line, IProgress<AgentProgress>? progress)
    {
        using var document = JsonLines.Parse(line);
        if (document is null)
        {
            return;
        }

        var root = document.RootElement;
        switch (root.Text("type"))
        {
            case "thread.started":
                if (root.Text("thread_id") is { Length: > 0 } thread)
                {
                    progress?.Report(new AgentProgress(AgentProgress.Session, thread));
                }

                progress?.Report(new AgentProgress("init", $"thread {root.Text("thread_id")}"));
                break;
            case "turn.started":
                _turns++;
                break;
            case "item.completed":
                Item(root.Child("item"), progress);
                break;
            case "turn.completed":
                var usage = root.Child("usage");
                var summary = $"completed, {_turns} turn(s), {usage.Number("input_tokens") ?? 0} input and {usage.Number("output_tokens") ?? 0} output tokens";
                progress?.Report(new AgentProgress("result", summary));
                Report = new AgentReport(summary);
                break;
            case "turn.failed":
                var error = root.Child("error").Text("message") ?? _lastError ?? "turn failed";
                progress?.Report(new AgentProgress("result", $"failed: {JsonLines.Short(error)}"));
                Report = new AgentReport($"failed after {_turns} turn(s)") { IsError = true, Error = JsonLines.Short(error) };
                break;
            case "error":
                _lastError = root.Text("message");
                progress?.Report(new AgentProgress("error", JsonLines.Short(_lastError)));
                break;
        }
    }

    private static void Item(System.Text.Json.JsonElement item, IProgress<AgentProgress>? progress)
    {
        var report = item.Text("type") switch
        {
            "agent_message" => new AgentProgress("message", JsonLines.Short(item.Text("text"))),
            "command_execution" => new AgentProgress("command", $"{JsonLines.Short(item.Text("command"))} (exit {item.Number("exit_code")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})"),
            "file_change" => new AgentProgress("file", string.Join(", ", item.Items("changes").Select(c => $"{c.Text("kind")} {c.Text("path")}"))),
            "mcp_tool_call" => new AgentProgress("tool", $"{item.Text("server")}.{item.Text("tool")}"),
            "web_search" => new AgentProgress("tool", $"web search {JsonLines.Short(item.Text("query"))}"),
            "error" => new AgentProgress("warning", JsonLines.Short(item.Text("message"))),
            _ => null,
        };
        if (report is not null)
        {
            progress?.Report(report);
        }
    }
}
