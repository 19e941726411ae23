namespace Fanout.Plans;

public enum PlanFormat
{
    /// <summary>Fanout's own <c>fanout.yaml</c>.</summary>
    Fanout,

    /// <summary>Contextune's <c>.parallel/plans/plan.yaml</c> with <c>tasks/task-N.md</c> files.</summary>
    Contextune,

    /// <summary>A ccpm epic: <c>.claude/epics/&lt;name&gt;/epic.md</c> with numbered task files.</summary>
    Ccpm,
}
