namespace Fanout.Bench;

public sealed record BenchMachine(int Cores, string Git, string OperatingSystem);

/// <summary>Every sample of a bench, and the figures users read: per N and method, medians and spread over the repeats.</summary>
public sealed record BenchReport(BenchSettings Settings, IReadOnlyList<BenchSample> Samples, BenchMachine Machine, int Files, string Commit)
{
    private IReadOnlyList<BenchResult>? _results;

    /// <summary>Summarised once: tables look results up cell by cell.</summary>
    public IReadOnlyList<BenchResult> Results => _results ??= [.. Samples
        .GroupBy(s => (s.Tasks, s.Method))
        .OrderBy(g => g.Key.Tasks)
        .ThenBy(g => MethodOrder(g.Key.Method))
        .Select(g => Summarise(g.Key.Tasks, g.Key.Method, [.. g]))];

    /// <summary>The methods measured, in the order tables show them.</summary>
    public IReadOnlyList<string> Methods => [.. Samples.Select(s => s.Method).Distinct().OrderBy(MethodOrder)];

    public BenchResult? Find(int tasks, string method) => Results.FirstOrDefault(r => r.Tasks == tasks && r.Method == method);

    private BenchResult Summarise(int tasks, string method, IReadOnlyList<BenchSample> samples)
    {
        var setup = Median(samples.Select(s => s.SetupSeconds));
        return new BenchResult(tasks, method, setup, samples.Min(s => s.SetupSeconds), samples.Max(s => s.SetupSeconds), samples.Sum(s => s.Failures), tasks * samples.Count)
        {
            ParallelEfficiency = MedianOrNull(samples.Select(s => s.ParallelEfficiency)),
            WallSeconds = MedianOrNull(samples.Select(s => s.WallSeconds)),
            PeakMemoryMB = samples.Max(s => s.PeakMemoryMB),
            TrackerRequests = samples.Max(s => s.TrackerRequests),
            FirstAgentSeconds = MedianOrNull(samples.Select(s => s.FirstAgentSeconds)),
            MedianAgentSeconds = MedianOrNull(samples.Select(s => s.MedianAgentSeconds)),
            LastAgentSeconds = MedianOrNull(samples.Select(s => s.LastAgentSeconds)),
            Repeats = samples.Count,
            RatioToSequential = Ratio(setup, tasks, BenchStrategy.Sequential.Name()),
            RatioToIssueFirst = Ratio(setup, tasks, BenchStrategy.IssueFirst.Name()),
        };
    }

    private double? Ratio(double setup, int tasks, string baseline)
    {
        var reference = Samples.Where(s => s.Tasks == tasks && s.Method == baseline).Select(s => s.SetupSeconds).ToArray();
        return reference.Length == 0 || Median(reference) <= 0 ? null : setup / Median(reference);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToArray();
        return known.Length == 0 ? null : Median(known);
    }

    private static int MethodOrder(string method) =>
        BenchStrategies.TryParse(method, out var strategy) ? (int)strategy : int.MaxValue;
}

/// <summary>
/// One row of <c>fanout bench --json</c>: the method (its <c>strategy</c> field) is a setup strategy, <c>pool</c>, or
/// <c>raw</c> (concurrent <c>git worktree add</c>). Setup seconds are the median over the repeats;
/// failures are summed over them, out of <see cref="Attempts"/>.
/// </summary>
public sealed record BenchResult(int Tasks, string Method, double SetupSeconds, double SetupSecondsMin, double SetupSecondsMax, int Failures, int Attempts)
{
    public double? ParallelEfficiency { get; init; }

    public double? WallSeconds { get; init; }

    public double? PeakMemoryMB { get; init; }

    public int? TrackerRequests { get; init; }

    /// <summary>Medians over the repeats of each run's time to its first agent, its median agent and its last; null for raw git.</summary>
    public double? FirstAgentSeconds { get; init; }

    /// <inheritdoc cref="FirstAgentSeconds"/>
    public double? MedianAgentSeconds { get; init; }

    /// <inheritdoc cref="FirstAgentSeconds"/>
    public double? LastAgentSeconds { get; init; }

    public int Repeats { get; init; }

    public double? RatioToSequential { get; init; }

    public double? RatioToIssueFirst { get; init; }
}
