namespace Fanout.Bench;

/// <summary>
/// One measurement. For a Fanout strategy: setup is the run's own setupSeconds (run start until
/// every agent started) and failures are tasks that did not succeed. For raw <c>git worktree add</c>:
/// the time until every add ended, and the adds that failed.
/// </summary>
public sealed record BenchSample(int Tasks, string Method, int Repeat, double SetupSeconds, int Failures)
{
    public double? WallSeconds { get; init; }

    public double? ParallelEfficiency { get; init; }

    public double? PeakMemoryMB { get; init; }

    public int? TrackerRequests { get; init; }

    /// <summary>Seconds from the run's start until its first agent could start (<c>firstAgentSeconds</c>).</summary>
    public double? FirstAgentSeconds { get; init; }

    /// <summary>The run's median over its tasks of the seconds until each agent could start.</summary>
    public double? MedianAgentSeconds { get; init; }

    /// <summary>Seconds until the run's last agent could start.</summary>
    public double? LastAgentSeconds { get; init; }
}
