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
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: a line holding half a UTF-16 surrogate pair cannot be transcoded for the parser.
            return null;
        }
    }

    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.String() : null;

    /// <summary>The element's text when it is a JSON string that a .NET string can hold; null otherwise.</summary>
    public static string? String(this JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // Valid JSON, but an escape such as "\ud800" names half a surrogate pair, which no string can hold.
            return null;
        }
    }

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
