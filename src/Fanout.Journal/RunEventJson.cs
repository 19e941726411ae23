using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Fanout.Journal;

/// <summary>
/// The one JSON form of a <see cref="RunEvent"/>: what the journal stores and what <c>--json</c>
/// prints, a self-contained object that starts with <c>kind</c>, <c>runId</c> and <c>at</c>.
/// </summary>
public static class RunEventJson
{
    private static readonly Dictionary<Type, string> Kinds = new()
    {
        [typeof(RunStarted)] = "runStarted",
        [typeof(TaskRegistered)] = "taskRegistered",
        [typeof(PhaseStarted)] = "phaseStarted",
        [typeof(PhaseEnded)] = "phaseEnded",
        [typeof(TaskStateChanged)] = "taskStateChanged",
        [typeof(TaskLinked)] = "taskLinked",
        [typeof(TaskFailed)] = "taskFailed",
        [typeof(AgentActivity)] = "agentActivity",
        [typeof(TrackerRequested)] = "trackerRequested",
        [typeof(RunFinished)] = "runFinished",
        [typeof(MergeTested)] = "mergeTested",
        [typeof(WorkspaceIntended)] = "workspaceIntended",
        [typeof(IssueIntended)] = "issueIntended",
        [typeof(ProcessStarted)] = "processStarted",
        [typeof(ProcessExited)] = "processExited",
        [typeof(TaskResumed)] = "taskResumed",
        [typeof(PlanningStarted)] = "planningStarted",
        [typeof(TaskAppeared)] = "taskAppeared",
        [typeof(PlanningEnded)] = "planningEnded",
        [typeof(QuestionAsked)] = "questionAsked",
        [typeof(QuestionAnswered)] = "questionAnswered",
        [typeof(ProgressReported)] = "progressReported",
        [typeof(MergeLanded)] = "mergeLanded",
        [typeof(IntegrationPreparing)] = "integrationPreparing",
        [typeof(IntegrationPrepared)] = "integrationPrepared",
    };

    /// <summary>camelCase, enums as camelCase strings, nulls left out, the <c>kind</c> discriminator on <see cref="RunEvent"/>.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The discriminator written for the event, e.g. <c>phaseStarted</c>.</summary>
    public static string KindOf(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        return Kinds.TryGetValue(runEvent.GetType(), out var kind)
            ? kind
            : throw new ArgumentException($"{runEvent.GetType().Name} is not a journal event kind.", nameof(runEvent));
    }

    /// <summary>Every kind name, in the order the events are declared.</summary>
    public static IReadOnlyList<string> KindNames => [.. Kinds.Values];

    /// <summary>The event type written with the discriminator <paramref name="kind"/>.</summary>
    public static Type TypeOf(string kind) =>
        Kinds.FirstOrDefault(pair => pair.Value == kind).Key
            ?? throw new ArgumentException($"'{kind}' is not a journal event kind.", nameof(kind));

    public static string Serialize(RunEvent runEvent)
    {
        KindOf(runEvent);
        return JsonSerializer.Serialize(runEvent, Options);
    }

    /// <summary>
    /// The event as one line of the public stream: the journal form with <c>"schema"</c> first, so
    /// a reader can tell which version of docs/events.md describes it. <see cref="Deserialize"/> reads it back.
    /// </summary>
    public static string SerializeLine(RunEvent runEvent) =>
        $"{{\"schema\":\"{RunEventSchema.Id}\",{Serialize(runEvent)[1..]}";

    /// <exception cref="JsonException">The text is not an event of a known kind.</exception>
    public static RunEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<RunEvent>(json, Options) ?? throw new JsonException("A journal event cannot be null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = RunEventJsonContext.Default
            .WithAddedModifier(AddKinds)
            .WithAddedModifier(PutIdentityFirst)
            .WithAddedModifier(RenameActivityKind);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = resolver,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Hand-written or reformatted JSON need not put kind first.
            AllowOutOfOrderMetadataProperties = true,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };
        options.MakeReadOnly();
        return options;
    }

    // Attributes on the records would do the same, but these options keep the records free of serialisation concerns.
    private static void AddKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(RunEvent))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (type, kind) in Kinds)
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, kind));
        }
    }

    // A reader of the event stream sees who and when before what. The serializer lists inherited
    // properties after a type's own, so the order is set here: runId, at, a task event's taskId, the rest.
    private static void PutIdentityFirst(JsonTypeInfo info)
    {
        if (!info.Type.IsAssignableTo(typeof(RunEvent)))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            property.Order = property.Name switch
            {
                "runId" => -3,
                "at" => -2,
                "taskId" when info.Type.IsAssignableTo(typeof(TaskEvent)) => -1,
                _ => 0,
            };
        }
    }

    // "kind" names the event; the agent's own kind of activity needs another name.
    private static void RenameActivityKind(JsonTypeInfo info)
    {
        if (info.Type != typeof(AgentActivity))
        {
            return;
        }

        info.Properties.Single(property => property.Name == "kind").Name = "activityKind";
    }
}
