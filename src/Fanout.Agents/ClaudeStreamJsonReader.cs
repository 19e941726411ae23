using System.Globalization;
using System.Text.Json;

namespace Fanout.Agents;

/// <summary>
/// Reads Claude Code's <c>--output-format stream-json --verbose</c> lines: <c>system/init</c>, <c>assistant</c>
/// messages (text and <c>tool_use</c> blocks), <c>user</c> tool results, and the closing <c>result</c> line with
/// <c>subtype</c>, <c>is_error</c>, <c>num_turns</c>, <c>total_cost_usd</c> and <c>permission_denials</c>.
/// The format is the one Claude Code 2.1.197 prints (fixtures captured from it are in the Agents tests).
/// In print mode it exits 0 with subtype success even when every edit was denied, so denials are surfaced.
/// </summary>
public sealed class ClaudeStreamJsonReader : IAgentOutputReader
{
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
            case "system" when root.Text("subtype") == "init":
                if (root.Text("session_id") is { Length: > 0 } session)
                {
                    progress?.Report(new AgentProgress(AgentProgress.Session, session));
                }

                progress?.Report(new AgentProgress("init", $"model {root.Text("model") ?? "?"}, permission mode {root.Text("permissionMode") ?? "?"}"));
                break;
            case "assistant":
                foreach (var block in root.Child("message").Items("content"))
                {
                    Assistant(block, progress);
                }

                break;
            case "user":
                foreach (var block in root.Child("message").Items("content").Where(b => b.Text("type") == "tool_result" && b.Flag("is_error")))
                {
                    progress?.Report(new AgentProgress("tool-error", JsonLines.Short(ResultText(block))));
                }

                break;
            case "result":
                Result(root, progress);
                break;
        }
    }

    private static void Assistant(JsonElement block, IProgress<AgentProgress>? progress)
    {
        switch (block.Text("type"))
        {
            case "text" when !string.IsNullOrWhiteSpace(block.Text("text")):
                progress?.Report(new AgentProgress("message", JsonLines.Short(block.Text("text"))));
                break;
            case "tool_use":
                progress?.Report(new AgentProgress("tool", Describe(block.Text("name"), block.Child("input"))));
                break;
        }
    }

    private void Result(JsonElement root, IProgress<AgentProgress>? progress)
    {
        var denials = root.Items("permission_denials").Select(d => Describe(d.Text("tool_name"), d.Child("tool_input"))).ToArray();
        foreach (var denial in denials)
        {
            progress?.Report(new AgentProgress("denied", denial));
        }

        var isError = root.Flag("is_error");
        var summary = $"{root.Text("subtype") ?? "ended"}{(isError ? " (error)" : string.Empty)}, {root.Number("num_turns") ?? 0} turn(s)";
        // TryGetDecimal: a number JSON allows (1e400) need not fit a decimal.
        if (root.Child("total_cost_usd") is { ValueKind: JsonValueKind.Number } cost && cost.TryGetDecimal(out var dollars))
        {
            summary += ", $" + dollars.ToString("0.######", CultureInfo.InvariantCulture);
        }

        if (denials.Length > 0)
        {
            summary += $", {denials.Length} permission denial(s)";
        }

        progress?.Report(new AgentProgress("result", summary));
        Report = new AgentReport(summary)
        {
            IsError = isError,
            Error = isError ? JsonLines.Short(root.Text("result") ?? root.Text("subtype")) : null,
            Denials = denials,
        };
    }

    /// <summary>A tool use as a person would say it: the tool and what it works on.</summary>
    private static string Describe(string? tool, JsonElement input)
    {
        var target = input.Text("file_path") ?? input.Text("command") ?? input.Text("pattern") ?? input.Text("path") ?? input.Text("url") ?? input.Text("description");
        return target is null ? tool ?? "tool" : $"{tool} {JsonLines.Short(target)}";
    }

    private static string? ResultText(JsonElement block) => block.Child("content") switch
    {
        { ValueKind: JsonValueKind.String } text => text.String(),
        { ValueKind: JsonValueKind.Array } parts => string.Join(' ', parts.EnumerateArray().Select(p => p.Text("text")).OfType<string>()),
        _ => null,
    };
}
