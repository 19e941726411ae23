using System.Globalization;
using System.Text;

namespace Fanout.Bench.Distributed;

/// <summary>The bench's Markdown: per worker count, the median wall time and its spread, the ratio to the fewest workers, and the engine's cost per task.</summary>
internal static class DistributedBenchReport
{
    public static string Markdown(DistributedBenchSettings settings, IReadOnlyList<DistributedSample> samples)
    {
        var text = new StringBuilder();
        var baseline = Median(samples.Where(s => s.Workers == settings.Workers[0]).Select(s => s.WallSeconds));
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Tasks} tasks, agents sleeping {settings.AgentSeconds} s, --slots {settings.Slots}; {settings.Repeat} interleaved repeat(s); wall from runStarted to runFinished; engine cost = enqueued → agent started, per task.");
        text.AppendLine();
        text.AppendLine("| workers | wall median (s) | wall min–max (s) | wall ratio | engine per task median (s) | engine p90 (s) | engine min–max (s) | failed |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in samples.GroupBy(s => s.Workers).OrderBy(g => g.Key))
        {
            var walls = group.Select(s => s.WallSeconds).ToArray();
            var engine = group.SelectMany(s => s.EngineSeconds).ToArray();
            var wall = Median(walls);
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {group.Key} | {wall:F2} | {walls.Min():F2}–{walls.Max():F2} | {(baseline > 0 ? wall / baseline : 0):F2} | {Median(engine):F3} | {Percentile(engine, 0.9):F3} | {(engine.Length == 0 ? 0 : engine.Min()):F3}–{(engine.Length == 0 ? 0 : engine.Max()):F3} | {group.Sum(s => s.Failed)} |"));
        }

        return text.ToString();
    }

    public static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    private static double Percentile(double[] values, double share)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var position = share * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
