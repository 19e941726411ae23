using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fanout.Journal;

/// <summary>
/// Compile-time contracts for every event, so reading a journal builds no serializer by reflection:
/// that cost fell on every <c>fanout status</c>. <see cref="RunEventJson"/> adds the kinds, the order and the names.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(RunStarted))]
[JsonSerializable(typeof(TaskRegistered))]
[JsonSerializable(typeof(PhaseStarted))]
[JsonSerializable(typeof(PhaseEnded))]
[JsonSerializable(typeof(TaskStateChanged))]
[JsonSerializable(typeof(TaskLinked))]
[JsonSerializable(typeof(TaskFailed))]
[JsonSerializable(typeof(AgentActivity))]
[JsonSerializable(typeof(TrackerRequested))]
[JsonSerializable(typeof(RunFinished))]
[JsonSerializable(typeof(MergeTested))]
[JsonSerializable(typeof(WorkspaceIntended))]
[JsonSerializable(typeof(IssueIntended))]
[JsonSerializable(typeof(ProcessStarted))]
[JsonSerializable(typeof(ProcessExited))]
[JsonSerializable(typeof(TaskResumed))]
[JsonSerializable(typeof(PlanningStarted))]
[JsonSerializable(typeof(TaskAppeared))]
[JsonSerializable(typeof(PlanningEnded))]
[JsonSerializable(typeof(QuestionAsked))]
[JsonSerializable(typeof(QuestionAnswered))]
[JsonSerializable(typeof(ProgressReported))]
[JsonSerializable(typeof(MergeLanded))]
[JsonSerializable(typeof(IntegrationPreparing))]
[JsonSerializable(typeof(IntegrationPrepared))]
internal sealed partial class RunEventJsonContext : JsonSerializerContext;
