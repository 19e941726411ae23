using System.Text.Json.Nodes;

using Fanout.Core;
using Fanout.Journal;

namespace Fanout.Orchestration;

/// <summary>
/// An event with every secret in its text redacted. It goes through the event's one JSON form, so
/// every string field of every kind of event is covered, including kinds added later.
/// </summary>
internal static class EventRedaction
{
    /// <summary>The same instance when nothing needed redacting.</summary>
    public static RunEvent Redact(RunEvent runEvent, Redactor redactor)
    {
        var node = JsonNode.Parse(RunEventJson.Serialize(runEvent))!;
        return Redact(node, redactor) ? RunEventJson.Deserialize(node.ToJsonString(RunEventJson.Options)) : runEvent;
    }

    /// <summary>Redacts the string values under <paramref name="node"/> in place; whether any changed.</summary>
    private static bool Redact(JsonNode? node, Redactor redactor)
    {
        switch (node)
        {
            case JsonObject record:
                var changed = false;
                foreach (var (name, value) in record.ToArray())
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var s) && redactor.Redact(s) is var clean && !ReferenceEquals(clean, s))
                    {
                        record[name] = clean;
                        changed = true;
                    }
                    else
                    {
                        changed |= Redact(value, redactor);
                    }
                }

                return changed;
            case JsonArray items:
                var any = false;
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonValue text && text.TryGetValue<string>(out var s) && redactor.Redact(s) is var clean && !ReferenceEquals(clean, s))
                    {
                        items[i] = clean;
                        any = true;
                    }
                    else
                    {
                        any |= Redact(items[i], redactor);
                    }
                }

                return any;
            default:
                return false;
        }
    }
}
