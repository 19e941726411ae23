using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;


namespace Fanout.Simulation.Anthropic;

/// <summary>One content block the scripted model answers with: text, or a tool call whose input may use the working directory.</summary>
public sealed record ModelBlock(string? Text, string? Tool, Func<string, JsonObject>? Input)
{
    public static ModelBlock Say(string text) => new(text, null, null);

    public static ModelBlock Call(string tool, Func<string, JsonObject> input) => new(null, tool, input);
}

/// <summary>
/// A local stand-in for the Anthropic Messages API on 127.0.0.1, for driving the real Claude Code CLI offline.
/// It answers <c>HEAD /</c> and <c>POST /v1/messages</c> with SSE in the Messages streaming format
/// (message_start, content_block_start/delta/stop, message_delta, message_stop). The reply to a request is
/// turn N of the script, N being how many tool results the conversation holds so far; the working directory
/// for tool inputs comes from the system prompt's "Primary working directory:" line.
/// </summary>
public sealed partial class ScriptedAnthropicServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyList<IReadOnlyList<ModelBlock>> _turns;
    private readonly List<string> _prompts = [];
    private readonly List<string> _conversations = [];
    private readonly Task _loop;

    private ScriptedAnthropicServer(IReadOnlyList<IReadOnlyList<ModelBlock>> turns)
    {
        _turns = turns;
        (_listener, var address) = LocalListener.Start();
        Port = address.Port;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The first user message of each scripted conversation request, as the CLI sent it.</summary>
    public IReadOnlyList<string> Prompts
    {
        get
        {
            lock (_prompts)
            {
                return [.. _prompts];
            }
        }
    }

    /// <summary>Every scripted request's whole message list, as JSON: what the CLI sent of the conversation so far.</summary>
    public IReadOnlyList<string> Conversations
    {
        get
        {
            lock (_prompts)
            {
                return [.. _conversations];
            }
        }
    }

    public static ScriptedAnthropicServer Start(params IReadOnlyList<ModelBlock>[] turns) => new(turns);

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (await LocalListener.NextAsync(_listener) is { } context)
        {
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var request = context.Request;
        if (request.HttpMethod == "HEAD")
        {
            response.StatusCode = 200;
            return;
        }

        if (request.HttpMethod != "POST" || request.Url?.AbsolutePath != "/v1/messages")
        {
            response.StatusCode = 404;
            return;
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        var blocks = Reply(body);
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        var bytes = Encoding.UTF8.GetBytes(Sse(body["model"]?.GetValue<string>() ?? "claude-scripted", blocks));
        await response.OutputStream.WriteAsync(bytes);
    }

    private IReadOnlyList<(string Kind, string Value, JsonObject? Input)> Reply(JsonObject body)
    {
        // Side requests (titles, summaries) come without tools; they get a plain answer and do not advance the script.
        if (body["tools"] is not JsonArray { Count: > 0 })
        {
            return [("text", "ok", null)];
        }

        var messages = body["messages"]!.AsArray();
        lock (_prompts)
        {
            _prompts.Add(messages[0]!["content"]!.ToJsonString());
            _conversations.Add(messages.ToJsonString());
        }

        var results = messages.SelectMany(m => m!["content"] as JsonArray ?? []).Count(c => c?["type"]?.GetValue<string>() == "tool_result");
        var turn = _turns[Math.Min(results, _turns.Count - 1)];
        var cwd = WorkingDirectory().Match(body["system"]?.ToJsonString() ?? string.Empty) is { Success: true } match
            ? Regex.Unescape(match.Groups[1].Value)
            : Directory.GetCurrentDirectory();
        return turn.Select(b => b.Tool is null ? ("text", b.Text!, (JsonObject?)null) : ("tool", b.Tool, b.Input!(cwd))).ToArray();
    }

    private static string Sse(string model, IReadOnlyList<(string Kind, string Value, JsonObject? Input)> blocks)
    {
        var text = new StringBuilder();
        void Event(string name, object data) => text.Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(data)).Append("\n\n");
        Event("message_start", new { type = "message_start", message = new { id = "msg_" + Guid.NewGuid().ToString("N"), type = "message", role = "assistant", model, content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = 20, output_tokens = 1 } } });
        for (var i = 0; i < blocks.Count; i++)
        {
            var (kind, value, input) = blocks[i];
            if (kind == "text")
            {
                Event("content_block_start", new { type = "content_block_start", index = i, content_block = new { type = "text", text = string.Empty } });
                Event("content_block_delta", new { type = "content_block_delta", index = i, delta = new { type = "text_delta", text = value } });
            }
            else
            {
                Event("content_block_start", new { type = "content_block_start", index = i, content_block = new { type = "tool_use", id = "toolu_" + Guid.NewGuid().ToString("N")[..20], name = value, input = new { } } });
                Event("content_block_delta", new { type = "content_block_delta", index = i, delta = new { type = "input_json_delta", partial_json = input!.ToJsonString() } });
            }

            Event("content_block_stop", new { type = "content_block_stop", index = i });
        }

        var stop = blocks.Any(b => b.Kind == "tool") ? "tool_use" : "end_turn";
        Event("message_delta", new { type = "message_delta", delta = new { stop_reason = stop, stop_sequence = (string?)null }, usage = new { output_tokens = 10 } });
        Event("message_stop", new { type = "message_stop" });
        return text.ToString();
    }

    [GeneratedRegex(@"Primary working directory: ([^\\""]+)")]
    private static partial Regex WorkingDirectory();
}
