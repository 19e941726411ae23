using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

using Fanout.Workspaces;

namespace Fanout.Bench.Tracing;

/// <summary>
/// Where the time of one measurement went, step by step: the engine's own steps (lock wait,
/// metadata, checkout wait, checkout) per worktree, and for every git process how long it took to
/// start, to run and to answer.
/// </summary>
public sealed class WorktreeTrace(string method, int tasks)
{
    private readonly ConcurrentQueue<WorktreeStep> _steps = new();

    public DateTimeOffset Start { get; private set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset End { get; private set; }

    public CpuTimes? Cpu { get; private set; }

    private CpuTimes? _cpuAtStart;

    /// <summary>What the engine's <see cref="WorktreeEngine.Trace"/> is given.</summary>
    public void Record(WorktreeStep step) => _steps.Enqueue(step);

    public void Begin()
    {
        _cpuAtStart = CpuTimes.Now();
        Start = DateTimeOffset.UtcNow;
    }

    public void Finish()
    {
        End = DateTimeOffset.UtcNow;
        Cpu = _cpuAtStart is { } start ? CpuTimes.Now()?.Since(start) : null;
    }

    public string ToMarkdown(IReadOnlyList<TracedProcess> processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        var text = new StringBuilder();
        var cpu = Cpu is { } used ? string.Create(CultureInfo.InvariantCulture, $"; CPU {used.Total:F1} s ({used.System:F1} s system)") : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"Trace of {method}, N = {tasks}: {Seconds(End - Start)} s in all{cpu}; times from the first request.\n\n");
        var steps = _steps.ToArray();
        if (steps.Length > 0)
        {
            text.Append("| step | worktrees | median (s) | max (s) | last ended at (s) |\n|---|---:|---:|---:|---:|\n");
            foreach (var name in new[] { WorktreeStep.LockWait, WorktreeStep.Metadata, WorktreeStep.CheckoutWait, WorktreeStep.Checkout })
            {
                var of = steps.Where(s => s.Name == name).ToArray();
                if (of.Length > 0)
                {
                    var durations = of.Select(s => s.Duration.TotalSeconds).ToArray();
                    text.Append(CultureInfo.InvariantCulture, $"| {name} | {of.Length} | {BenchReport.Median(durations):F3} | {durations.Max():F3} | {Seconds(of.Max(s => s.End) - Start)} |\n");
                }
            }

            var ready = steps.Where(s => s.Name == WorktreeStep.Checkout).Select(s => (s.End - Start).TotalSeconds).Order().ToArray();
            if (ready.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\nWorktrees ready: first at {ready[0]:F3} s, median {BenchReport.Median(ready):F3} s, last {ready[^1]:F3} s.\n");
            }

            text.Append('\n');
        }

        text.Append("| git process | count | start: asked → git's main, median / max (ms) | git's own time, median / max (s) | answer: git's exit → result, median / max (ms) |\n|---|---:|---:|---:|---:|\n");
        foreach (var group in processes.Select(p => (Process: p, Times: GitProcessTimes.Read(p.EventsFile))).Where(p => p.Times is not null).GroupBy(p => p.Process.Command).OrderByDescending(g => g.Count()))
        {
            var start = group.Select(p => (p.Times!.Started - p.Process.Requested).TotalMilliseconds).ToArray();
            var own = group.Select(p => (p.Times!.Ended - p.Times.Started).TotalSeconds).ToArray();
            var answer = group.Select(p => (p.Process.Returned - p.Times!.Ended).TotalMilliseconds).ToArray();
            text.Append(CultureInfo.InvariantCulture, $"| `git {group.Key}` | {group.Count()} | {BenchReport.Median(start):F1} / {start.Max():F1} | {BenchReport.Median(own):F3} / {own.Max():F3} | {BenchReport.Median(answer):F1} / {answer.Max():F1} |\n");
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
}
