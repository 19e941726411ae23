namespace Fanout.Journal;

/// <summary>The figures of DESIGN.md's status contract, computed from the journal alone.</summary>
public sealed record RunMetrics(
    double SetupSeconds,
    double WallSeconds,
    double ParallelEfficiency,
    double ErrorRate,
    int TrackerRequests,
    double? PeakMemoryMB)
{
    /// <summary>Seconds from the run's start until the first task's agent could start; null until one could.</summary>
    public double? FirstAgentSeconds { get; init; }

    /// <summary>The median over the tasks of the seconds until each one's agent could start.</summary>
    public double? MedianAgentSeconds { get; init; }

    /// <summary>Seconds until the last task's agent (of those that got so far) could start.</summary>
    public double? LastAgentSeconds { get; init; }
}
