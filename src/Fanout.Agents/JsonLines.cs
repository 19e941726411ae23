using System.Text.Json;

namespace Fanout.Agents;

/// <summary>Tolerant access to one JSON line of an agent's output: other lines and missing fields are not errors.</summary>
internal static class JsonLines
{
    public const int MaxText = 200;

    public static JsonDocument? Parse(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static bool Flag(this JsonElement element, string name) =>
        element.Child(name).ValueKind == JsonValueKind.True;

    public static long? Number(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The first line, shortened: activity is a glance, the log has the rest.</summary>
    public static string Short(string? text)
    {
        var line = (text ?? string.Empty).Trim();
        var end = line.IndexOf('\n', StringComparison.Ordinal);
        line = end < 0 ? line : line[..end].TrimEnd() + " ...";
        return line.Length <= MaxText ? line : line[..MaxText] + "...";
    }
}
