using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Fanout.Journal;

/// <summary>
/// The versioned event stream schema (<c>--json</c>, docs/events.md), read from the serializer's
/// own contract so the documented fields cannot drift from what is written.
/// </summary>
public static class RunEventSchema
{
    /// <summary>The value of every line's <c>schema</c> field; the number changes only when a field is removed or changes meaning.</summary>
    public const string Id = "fanout.event/1";

    /// <summary>Fields every event line carries, before its own.</summary>
    public static IReadOnlyList<EventField> Common { get; } =
    [
        new("schema", "string", false),
        new("kind", "string", false),
        new("runId", "string", false),
        new("at", "timestamp", false),
    ];

    public static IReadOnlyList<string> Kinds => RunEventJson.KindNames;

    /// <summary>The fields of one kind beyond <see cref="Common"/>, in the order they are written; nested objects as dotted names.</summary>
    public static IReadOnlyList<EventField> Fields(string kind)
    {
        var type = RunEventJson.TypeOf(kind);
        var fields = new List<EventField>();
        Collect(RunEventJson.Options.GetTypeInfo(type), string.Empty, fields);
        return [.. fields.Where(field => Common.All(common => common.Name != field.Name))];
    }

    private static void Collect(JsonTypeInfo info, string prefix, List<EventField> fields)
    {
        foreach (var property in info.Properties.OrderBy(p => p.Order))
        {
            var name = prefix + property.Name;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var optional = Nullable.GetUnderlyingType(property.PropertyType) is not null || IsNullableReference(property);
            if (type.IsClass && type != typeof(string) && !type.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            {
                fields.Add(new EventField(name, "object", optional));
                Collect(RunEventJson.Options.GetTypeInfo(type), name + ".", fields);
                continue;
            }

            fields.Add(new EventField(name, TypeName(type), optional));
        }
    }

    private static bool IsNullableReference(JsonPropertyInfo property) =>
        property.AttributeProvider is PropertyInfo clr
        && new NullabilityInfoContext().Create(clr).ReadState == NullabilityState.Nullable;

    private static string TypeName(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(double) => "number",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(DateTimeOffset) => "timestamp",
        _ when type.IsEnum => string.Join(" \\| ", Enum.GetNames(type).Select(name => char.ToLowerInvariant(name[0]) + name[1..])),
        _ when type.IsAssignableTo(typeof(IEnumerable<string>)) => "string[]",
        _ => throw new NotSupportedException($"No schema name for {type.Name}."),
    };
}

/// <summary>One documented field: its JSON name, its type as docs/events.md writes it, and whether it may be absent.</summary>
public sealed record EventField(string Name, string Type, bool Optional);
