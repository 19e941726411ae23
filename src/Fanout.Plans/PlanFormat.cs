namespace Fanout.Plans;

public enum PlanFormat
{
    /// <summary>Fanout's own <c>fanout.yaml</c>.</summary>
    Fanout,

    /// <summary>Contextune's <c>.parallel/plans/plan.yaml</c> with <c>tasks/task-N.md</c> files.</summary>
    Contextune,
}
