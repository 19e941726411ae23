using System.Text.Json;

namespace Fanout.Planning;

/// <summary>
/// Reads a planner's standard output a line at a time and reports tasks as they arrive: from
/// Claude Code's stream-json (the <c>StructuredOutput</c> tool's input as it streams with
/// <c>--include-partial-messages</c>, then the whole answer in the tool call and the result line),
/// or from a command that prints JSON: one task object per line, or the whole <c>{"tasks": [...]}</c>.
/// </summary>
public sealed class PlannerOutput
{
    private const string StructuredOutputTool = "StructuredOutput";
    private readonly Dictionary<int, JsonTaskScanner> _toolInputs = [];
    private readonly JsonTaskScanner _lines;
    private readonly JsonTaskScanner _text;

    public PlannerOutput()
    {
        _lines = new JsonTaskScanner(TaskText, RootText);
        _text = new JsonTaskScanner(TaskText, RootText);
    }

    /// <summary>A task, the moment its object is complete; repeats of the same task come again and are the listener's to judge.</summary>
    public event Action<PlannedTask>? TaskEmitted;

    /// <summary>The planner's whole answer, once it gave it: every task it means, in order.</summary>
    public event Action<IReadOnlyList<PlannedTask>>? Answered;

    /// <summary>Something the planner wrote that is meant as a task but is not one.</summary>
    public event Action<string>? Problem;

    /// <summary>What the planner said about itself when it failed (Claude's is_error result), or null.</summary>
    public string? Error { get; private set; }

    public void Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (StreamJson(line) is { } claude)
        {
            using (claude)
            {
                Claude(claude.RootElement);
            }

            return;
        }

        _lines.Feed(line + "\n");
    }

    // Claude Code's lines all carry a "type" this reader knows; anything else is the planner's own JSON.
    private static JsonDocument? StreamJson(string line)
    {
        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith("{\"type\":", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("type", out var type) && type.GetString() is "system" or "assistant" or "user" or "result" or "stream_event")
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Claude(JsonElement root)
    {
        switch (root.GetProperty("type").GetString())
        {
            case "stream_event" when root.TryGetProperty("event", out var streamed):
                Streamed(streamed);
                break;
            case "assistant" when root.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array:
                foreach (var block in content.EnumerateArray())
                {
                    if (Is(block, "type", "tool_use") && Is(block, "name", StructuredOutputTool) && block.TryGetProperty("input", out var input))
                    {
                        Whole(input);
                    }
                }

                break;
            case "result":
                if (root.TryGetProperty("structured_output", out var structured) && structured.ValueKind == JsonValueKind.Object)
                {
                    Whole(structured);
                }

                if (root.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True)
                {
                    Error = root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.String ? result.GetString() : "the planner reported an error";
                }

                break;
        }
    }

    private void Streamed(JsonElement streamed)
    {
        var index = streamed.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : 0;
        if (Is(streamed, "type", "content_block_start") && streamed.TryGetProperty("content_block", out var block)
            && Is(block, "type", "tool_use") && Is(block, "name", StructuredOutputTool))
        {
            _toolInputs[index] = new JsonTaskScanner(TaskText, _ => { });
        }
        else if (Is(streamed, "type", "content_block_delta") && streamed.TryGetProperty("delta", out var delta))
        {
            if (Is(delta, "type", "input_json_delta") && _toolInputs.TryGetValue(index, out var scanner) && delta.TryGetProperty("partial_json", out var json))
            {
                scanner.Feed(json.GetString() ?? string.Empty);
            }
            else if (Is(delta, "type", "text_delta") && delta.TryGetProperty("text", out var text))
            {
                _text.Feed(text.GetString() ?? string.Empty);
            }
        }
    }

    private void Whole(JsonElement answer)
    {
        if (!answer.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            Problem?.Invoke("the answer has no 'tasks' list");
            return;
        }

        var read = new List<PlannedTask>();
        foreach (var item in tasks.EnumerateArray())
        {
            if (PlannedTask.Read(item, out var problem) is { } task)
            {
                read.Add(task);
            }
            else
            {
                Problem?.Invoke(problem!);
            }
        }

        Answered?.Invoke(read);
    }

    private void TaskText(string json)
    {
        if (PlannedTask.Parse(json, out var problem) is { } task)
        {
            TaskEmitted?.Invoke(task);
        }
        else
        {
            Problem?.Invoke(problem!);
        }
    }

    // A root value is the whole answer, or one task on its own line.
    private void RootText(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tasks", out _))
            {
                Whole(root);
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out _))
            {
                TaskText(json);
            }
        }
        catch (JsonException error)
        {
            Problem?.Invoke($"the planner wrote JSON that does not parse: {error.Message}");
        }
    }

    private static bool Is(JsonElement element, string property, string value) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var found) && found.ValueKind == JsonValueKind.String && found.GetString() == value;
}
