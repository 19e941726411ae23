namespace Fanout.Bench.Goal;

/// <summary>What <c>fanout bench goal</c> measures: plans of so many tasks, one written every <see cref="Every"/>, on a generated repository.</summary>
public sealed record GoalBenchOptions(int Files, IReadOnlyList<int> Tasks, TimeSpan Every, int Repeat, int Warm);

/// <summary>
/// One measurement. <see cref="AllStartedSeconds"/>: from the goal given to the last agent started.
/// <see cref="AfterLastTaskSeconds"/>: from the planner writing its last task to the last agent started.
/// </summary>
public sealed record GoalSample(string Method, int Tasks, int Repeat, double AllStartedSeconds, double AfterLastTaskSeconds, bool Failed);

public sealed record GoalBenchReport(GoalBenchOptions Options, IReadOnlyList<GoalSample> Samples, string Machine);
