namespace Fanout.Journal;

/// <summary>The figures of DESIGN.md's status contract, computed from the journal alone.</summary>
public sealed record RunMetrics(
    double SetupSeconds,
    double WallSeconds,
    double ParallelEfficiency,
    double ErrorRate,
    int TrackerRequests,
    double? PeakMemoryMB);
