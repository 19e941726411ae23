namespace Fanout.Bench.Goal;

/// <summary>
/// The scripted planner every method runs: a command agent that writes one task every
/// FANOUT_BENCH_EVERY seconds and notes on the wall clock when it wrote each; the tasks' agent only
/// touches one file, so what is measured is Fanout's own work.
/// </summary>
internal static class GoalBenchPlanner
{
    public const string Name = "scripted";
    public const string TasksVariable = "FANOUT_BENCH_TASKS";
    public const string EveryVariable = "FANOUT_BENCH_EVERY";
    public const string StampsVariable = "FANOUT_BENCH_STAMPS";

    private const string Script =
        "cat > /dev/null; i=1; while [ $i -le \"$FANOUT_BENCH_TASKS\" ]; do sleep \"$FANOUT_BENCH_EVERY\"; " +
        "printf '{\"id\":\"t%s\",\"title\":\"Bench task %s\",\"prompt\":\"Touch one file.\"}\\n' $i $i; " +
        "date +%s.%N >> \"$FANOUT_BENCH_STAMPS\"; i=$((i+1)); done";

    /// <summary>The bench repository's <c>fanout.yaml</c>: the planner and the tasks' agent, no tasks.</summary>
    public static string Defaults() => $"""
        tracker: local
        agent: touch
        agents:
          touch:
            command: [touch, "{"{worktree}"}/.fanout-bench-{"{task}"}"]
          {Name}:
            command: [sh, -c, '{Script.Replace("'", "''", StringComparison.Ordinal)}']
            timeout: 30m
        tasks: []

        """;
}
