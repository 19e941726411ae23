using System.Text.Json;

namespace Fanout.Planning;

/// <summary>One task as a planner wrote it, before the plan loader judged it.</summary>
public sealed record PlannedTask(string Id, string Title, string Prompt)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public IReadOnlyList<string> Files { get; init; } = [];

    public IReadOnlyList<string> Acceptance { get; init; } = [];

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The same task, field for field: a planner that repeats a task it already gave has not revised it.</summary>
    public bool SameAs(PlannedTask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id && Title == other.Title && Prompt == other.Prompt
            && DependsOn.SequenceEqual(other.DependsOn) && Files.SequenceEqual(other.Files)
            && Acceptance.SequenceEqual(other.Acceptance) && Labels.SequenceEqual(other.Labels);
    }

    /// <summary>Reads one task object; what is missing or of the wrong type is said in <paramref name="problem"/>.</summary>
    public static PlannedTask? Read(JsonElement task, out string? problem)
    {
        if (task.ValueKind != JsonValueKind.Object)
        {
            problem = "a task must be a JSON object with 'id', 'title' and 'prompt'";
            return null;
        }

        var id = Text(task, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            problem = "a task has no 'id' (a string such as \"api-client\")";
            return null;
        }

        problem = null;
        return new PlannedTask(id, Text(task, "title") ?? id, Text(task, "prompt") ?? string.Empty)
        {
            DependsOn = Texts(task, "dependsOn"),
            Files = Texts(task, "files"),
            Acceptance = Texts(task, "acceptance"),
            Labels = Texts(task, "labels"),
        };
    }

    /// <summary>Parses one task object from JSON text; null when the text is not one.</summary>
    public static PlannedTask? Parse(string json, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, out problem);
        }
        catch (JsonException error)
        {
            problem = $"a task is not valid JSON: {error.Message}";
            return null;
        }
    }

    private static string? Text(JsonElement task, string name) =>
        task.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;

    private static string[] Texts(JsonElement task, string name) =>
        task.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())]
            : task.TryGetProperty(name, out var single) && single.ValueKind == JsonValueKind.String ? [single.GetString()!] : [];
}
