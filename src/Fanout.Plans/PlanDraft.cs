using Fanout.Core;

namespace Fanout.Plans;

/// <summary>
/// A plan as read, before validation, with the positions validation needs to point at: each id,
/// each dependsOn entry and each agent reference.
/// </summary>
internal sealed record PlanDraft(Plan Plan, IReadOnlyList<TaskDraft> Tasks, SourcePosition AgentPosition);

/// <summary>One task as read. <see cref="DependencyPositions"/> runs parallel to the task's DependsOn.</summary>
internal sealed record TaskDraft(
    PlanTask Task,
    SourcePosition IdPosition,
    IReadOnlyList<SourcePosition> DependencyPositions,
    SourcePosition? AgentPosition)
{
    /// <summary>Where each <c>conflictsWith</c> entry was written; parallel to the task's ConflictsWith.</summary>
    public IReadOnlyList<SourcePosition> ConflictPositions { get; init; } = [];
}
