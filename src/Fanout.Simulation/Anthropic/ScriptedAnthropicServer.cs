using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;


namespace Fanout.Simulation.Anthropic;

/// <summary>One content block the scripted model answers with: text, or a tool call whose input may use the working directory.</summary>
public sealed record ModelBlock(string? Text, string? Tool, Func<string, JsonObject>? Input)
{
    /// <summary>
    /// Streamed in these pieces with <see cref="Pause"/> before each after the first, as a slow model
    /// writes: the text, or for a tool call its input JSON (the pieces joined must be that JSON).
    /// </summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    public TimeSpan Pause { get; init; }

    public static ModelBlock Say(string text) => new(text, null, null);

    public static ModelBlock Call(string tool, Func<string, JsonObject> input) => new(null, tool, input);

    /// <summary>Text that arrives a piece every <paramref name="pause"/>.</summary>
    public static ModelBlock SaySlowly(IReadOnlyList<string> parts, TimeSpan pause) =>
        new(string.Concat(parts), null, null) { Parts = parts, Pause = pause };

    /// <summary>A tool call whose input JSON arrives a piece every <paramref name="pause"/> (a planner's tasks, one by one).</summary>
    public static ModelBlock CallSlowly(string tool, IReadOnlyList<string> jsonParts, TimeSpan pause) =>
        new(null, tool, _ => JsonNode.Parse(string.Concat(jsonParts))!.AsObject()) { Parts = jsonParts, Pause = pause };
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
    private readonly IReadOnlyList<IReadOnlyList<IReadOnlyList<ModelBlock>>> _scripts;
    private readonly Dictionary<string, int> _conversationOf = new(StringComparer.Ordinal);
    private readonly List<string> _prompts = [];
    private readonly List<string> _toolResults = [];
    private readonly List<string> _requests = [];
    private readonly Task _loop;

    private ScriptedAnthropicServer(IReadOnlyList<IReadOnlyList<IReadOnlyList<ModelBlock>>> conversations)
    {
        _scripts = conversations;
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

    /// <summary>The text of every tool result the CLI sent back, in the order the requests came: what the model was told.</summary>
    public IReadOnlyList<string> ToolResults
    {
        get
        {
            lock (_prompts)
            {
                return [.. _toolResults];
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
                return [.. _requests];
            }
        }
    }

    public static ScriptedAnthropicServer Start(params IReadOnlyList<ModelBlock>[] turns) => new([turns]);

    /// <summary>
    /// One script per conversation, in the order conversations begin (a CLI run each, told apart by
    /// their first message); a conversation past the last script gets the last one again.
    /// </summary>
    public static ScriptedAnthropicServer StartConversations(params IReadOnlyList<IReadOnlyList<ModelBlock>>[] conversations) => new(conversations);

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
        response.SendChunked = true;
        await StreamAsync(response.OutputStream, body["model"]?.GetValue<string>() ?? "claude-scripted", blocks);
    }

    private IReadOnlyList<ModelBlock> Reply(JsonObject body)
    {
        // Side requests (titles, summaries) come without tools; they get a plain answer and do not advance the script.
        if (body["tools"] is not JsonArray { Count: > 0 })
        {
            return [ModelBlock.Say("ok")];
        }

        var messages = body["messages"]!.AsArray();
        var contents = messages.SelectMany(m => m!["content"] as JsonArray ?? []).ToArray();
        IReadOnlyList<IReadOnlyList<ModelBlock>> turns;
        lock (_prompts)
        {
            var first = messages[0]!["content"]!;
            _prompts.Add(first.ToJsonString());
            _requests.Add(messages.ToJsonString());

            // The CLI moves its cache marks from request to request; the words of the first message stay.
            var words = first is JsonArray blocks ? string.Concat(blocks.Select(b => b?["text"]?.GetValue<string>())) : first.ToJsonString();
            if (!_conversationOf.TryGetValue(words, out var conversation))
            {
                _conversationOf[words] = conversation = _conversationOf.Count;
            }

            turns = _scripts[Math.Min(conversation, _scripts.Count - 1)];
            if (messages[^1]!["content"] is JsonArray last)
            {
                _toolResults.AddRange(last.Where(c => c?["type"]?.GetValue<string>() == "tool_result").Select(c => ResultText(c!["content"])));
            }
        }

        var results = contents.Count(c => c?["type"]?.GetValue<string>() == "tool_result");
        var turn = turns[Math.Min(results, turns.Count - 1)];
        var cwd = WorkingDirectory().Match(body["system"]?.ToJsonString() ?? string.Empty) is { Success: true } match
            ? Regex.Unescape(match.Groups[1].Value)
            : Directory.GetCurrentDirectory();
        return turn.Select(b => b.Tool is null || b.Parts.Count > 0 ? b : b with { Parts = [b.Input!(cwd).ToJsonString()] }).ToArray();
    }

    private static string ResultText(JsonNode? content) => content switch
    {
        JsonValue value => value.ToString(),
        JsonArray parts => string.Join("\n", parts.Select(p => p?["text"]?.GetValue<string>()).OfType<string>()),
        _ => string.Empty,
    };

    /// <summary>The reply as Messages SSE, each block's pieces flushed as they are written, pausing where the block says.</summary>
    private static async Task StreamAsync(Stream output, string model, IReadOnlyList<ModelBlock> blocks)
    {
        async Task EventAsync(string name, object data)
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n"));
            await output.FlushAsync();
        }

        await EventAsync("message_start", new { type = "message_start", message = new { id = "msg_" + Guid.NewGuid().ToString("N"), type = "message", role = "assistant", model, content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = 20, output_tokens = 1 } } });
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var parts = block.Parts.Count > 0 ? block.Parts : [block.Text ?? string.Empty];
            if (block.Tool is null)
            {
                await EventAsync("content_block_start", new { type = "content_block_start", index = i, content_block = new { type = "text", text = string.Empty } });
            }
            else
            {
                await EventAsync("content_block_start", new { type = "content_block_start", index = i, content_block = new { type = "tool_use", id = "toolu_" + Guid.NewGuid().ToString("N")[..20], name = block.Tool, input = new { } } });
            }

            for (var p = 0; p < parts.Count; p++)
            {
                if (p > 0 && block.Pause > TimeSpan.Zero)
                {
                    await Task.Delay(block.Pause);
                }

                await EventAsync("content_block_delta", block.Tool is null
                    ? new { type = "content_block_delta", index = i, delta = (object)new { type = "text_delta", text = parts[p] } }
                    : new { type = "content_block_delta", index = i, delta = (object)new { type = "input_json_delta", partial_json = parts[p] } });
            }

            await EventAsync("content_block_stop", new { type = "content_block_stop", index = i });
        }

        var stop = blocks.Any(b => b.Tool is not null) ? "tool_use" : "end_turn";
        await EventAsync("message_delta", new { type = "message_delta", delta = new { stop_reason = stop, stop_sequence = (string?)null }, usage = new { output_tokens = 10 } });
        await EventAsync("message_stop", new { type = "message_stop" });
    }

    [GeneratedRegex(@"Primary working directory: ([^\\""]+)")]
    private static partial Regex WorkingDirectory();
}
