namespace Fanout.Bench;

/// <summary>What the bench compares: the run's three setup strategies, and the default one claiming from a warm pool.</summary>
public enum BenchStrategy
{
    Sequential,
    IssueFirst,
    Overlap,
    Pool,
}

public static class BenchStrategies
{
    public static IReadOnlyList<BenchStrategy> All { get; } = Enum.GetValues<BenchStrategy>();

    public static string Name(this BenchStrategy strategy) => strategy switch
    {
        BenchStrategy.Sequential => "sequential",
        BenchStrategy.IssueFirst => "issue-first",
        BenchStrategy.Overlap => "overlap",
        _ => "pool",
    };

    /// <summary>The <c>fanout run --strategy</c> the bench passes; the pool is the default strategy with a warm pool.</summary>
    public static string RunStrategy(this BenchStrategy strategy) => strategy == BenchStrategy.Pool ? "overlap" : strategy.Name();

    public static bool TryParse(string text, out BenchStrategy strategy)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                strategy = candidate;
                return true;
            }
        }

        strategy = default;
        return false;
    }
}
