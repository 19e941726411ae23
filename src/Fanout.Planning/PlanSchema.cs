namespace Fanout.Planning;

/// <summary>
/// The shape a planner writes: one object <c>{"tasks": [...]}</c>, each task with an id, a title, a
/// prompt, and optionally dependencies, files and acceptance criteria (docs/planning.md). Claude Code
/// gets it as <c>--json-schema</c>; a command planner may instead print one task object per line.
/// </summary>
public static class PlanSchema
{
    /// <summary>The JSON Schema of the planner's answer, as given to <c>claude --json-schema</c>.</summary>
    public const string Json = """
        {"type":"object","additionalProperties":false,"required":["tasks"],"properties":{"tasks":{"type":"array","description":"The tasks, each after the tasks it depends on.","items":{"type":"object","additionalProperties":false,"required":["id","title","prompt"],"properties":{"id":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$","description":"Short unique name; becomes part of the branch name."},"title":{"type":"string","description":"One line for the issue."},"prompt":{"type":"string","description":"Everything the coding agent needs to do the task alone."},"dependsOn":{"type":"array","items":{"type":"string"},"description":"Ids of tasks that must be done first; only tasks listed earlier."},"files":{"type":"array","items":{"type":"string"},"description":"Files the task is expected to touch."},"acceptance":{"type":"array","items":{"type":"string"},"description":"What must be true when the task is done."},"labels":{"type":"array","items":{"type":"string"}}}}}}}
        """;
}
