using System.Diagnostics;
using System.Globalization;

using Fanout.Bench.Tracing;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Bench.Workspaces;

/// <summary>
/// N worktrees at once, three ways, side by side on one repository: raw concurrent
/// <c>git worktree add</c>, Fanout's <see cref="WorktreeEngine"/>, and claims from a warm
/// <see cref="WorktreePool"/>. The order of the three rotates from repeat to repeat, so drift in
/// the machine's load, and the cost of the previous measurement's writes, fall on all of them alike.
/// </summary>
internal sealed class WorkspaceBenchmark(WorkspaceBenchOptions options, TextWriter output, IProcessRunner runner)
{
    private static readonly string[] Methods = ["raw", "engine", "pool"];

    private readonly Dictionary<(string Method, int N), List<(double Seconds, int Failures)>> _samples = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(options.Repository is { } from ? $"copying {from} ..." : $"generating a repository of {options.Files} files ...");
        using var repository = options.Repository is { } path
            ? await BenchRepository.CloneAsync(runner, path, cancellationToken)
            : await BenchRepository.CreateAsync(runner, options.Files, cancellationToken);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, runner, cancellationToken);
        var head = await repository.GitAsync(cancellationToken, "rev-parse", "HEAD");
        var files = (await repository.GitAsync(cancellationToken, "ls-files", "-z")).Count(c => c == '\0');
        for (var repeat = 1; repeat <= options.Repeat; repeat++)
        {
            foreach (var (n, index) in options.Tasks.Select((n, index) => (n, index)))
            {
                // Per N, each method takes each position once in every three repeats: whoever runs
                // right after another pays for the disk work it left behind.
                var shift = (repeat - 1 + index) % Methods.Length;
                foreach (var method in Methods.Skip(shift).Concat(Methods.Take(shift)))
                {
                    var sample = await MeasureAsync(repository, paths, head, method, n, $"{method}-r{repeat}-n{n}", runner, null, cancellationToken);
                    Record(method, n, sample);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  repeat {repeat}, N={n}, {method,-6}: {sample.Seconds,7:F3} s, {sample.Failures} failed"));
                }
            }
        }

        await repository.ResetAsync(cancellationToken);
        var source = options.Repository is { } copied ? $"a copy of {copied}, {files} files" : $"{files} generated files";
        await WriteTableAsync(source, await repository.GitAsync(cancellationToken, "--version"));
        if (options.TraceFile is { } traceFile)
        {
            await TraceAsync(repository, paths, head, source, traceFile, cancellationToken);
        }
    }

    /// <summary>One more run of every method per N, each step and git process timed, written to the trace file.</summary>
    private async Task TraceAsync(BenchRepository repository, RepositoryPaths paths, string head, string source, string traceFile, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder($"# Workspace trace\n\n{source}; {Environment.ProcessorCount} cores; temp folder {Path.GetTempPath()}.\n\n");
        foreach (var n in options.Tasks)
        {
            foreach (var method in Methods)
            {
                var tracer = new TracingRunner(runner, Path.Combine(repository.Parent, "trace", $"{method}-n{n}"));
                var trace = new WorktreeTrace(method, n);
                await MeasureAsync(repository, paths, head, method, n, $"{method}-trace-n{n}", tracer, trace, cancellationToken);
                text.Append(trace.ToMarkdown(tracer.Processes)).Append('\n');
            }
        }

        await File.WriteAllTextAsync(traceFile, text.ToString(), cancellationToken);
        await output.WriteLineAsync($"trace written to {traceFile}");
    }

    private async Task<(double Seconds, int Failures)> MeasureAsync(
        BenchRepository repository, RepositoryPaths paths, string head, string method, int n, string tag, IProcessRunner processes, WorktreeTrace? trace, CancellationToken cancellationToken)
    {
        await repository.ResetAsync(cancellationToken);
        var engine = new WorktreeEngine(paths, processes) { Trace = trace is null ? null : trace.Record };
        var pool = new WorktreePool(paths, engine, processes);
        if (method == "pool")
        {
            await new WorktreePool(paths, new WorktreeEngine(paths, runner), runner).WarmAsync(new PoolSettings(n, "main", PoolSettings.DefaultMaxDiskMB), head, cancellationToken);
            await repository.SyncAsync(cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(options.Settle), cancellationToken);
        trace?.Begin();
        var sample = method switch
        {
            "raw" => await RawAsync(processes, repository, n, cancellationToken),
            "engine" => await TimeAsync(n, i => engine.CreateAsync(Request(paths, tag, i, head), cancellationToken)),
            _ => await TimeAsync(n, async i => await pool.TryClaimAsync(Request(paths, tag, i, head), cancellationToken) ?? throw new InvalidOperationException("pool empty")),
        };
        trace?.Finish();
        return sample;
    }

    private static WorkspaceRequest Request(RepositoryPaths paths, string tag, int i, string head) =>
        new(tag, $"t{i}", WorkspaceNames.Branch(tag, $"t{i}"), WorkspaceNames.Directory(paths.WorktreeRoot, tag, $"t{i}"), head);

    /// <summary>What tools without a lock do: every add at once, a fresh branch each (a failed add may have made its branch already).</summary>
    private static async Task<(double Seconds, int Failures)> RawAsync(IProcessRunner processes, BenchRepository repository, int n, CancellationToken cancellationToken)
    {
        // The reset before every measurement deleted the last one's branches, so the names may repeat.
        var sample = await RawWorktreeTrial.RunAsync(processes, repository, n, 1, cancellationToken);
        return (sample.SetupSeconds, sample.Failures);
    }

    private static async Task<(double Seconds, int Failures)> TimeAsync<T>(int n, Func<int, Task<T>> create)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(1, n).Select(async i =>
        {
            try
            {
                await create(i);
                return true;
            }
#pragma warning disable CA1031 // Every failure is counted, whatever it is.
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }
        }));
        return (clock.Elapsed.TotalSeconds, outcomes.Count(ok => !ok));
    }

    private void Record(string method, int n, (double Seconds, int Failures) sample)
    {
        if (!_samples.TryGetValue((method, n), out var list))
        {
            _samples[(method, n)] = list = [];
        }

        list.Add(sample);
    }

    private async Task WriteTableAsync(string source, string gitVersion)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{source}, median of {options.Repeat} repeat(s), {options.Settle} s idle before each; {Environment.ProcessorCount} cores; {gitVersion}; {Environment.OSVersion}; temp folder {Path.GetTempPath()}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| N | raw `git worktree add` (s) | min–max | raw failures | engine (s) | min–max | engine failures | engine / raw | pool claim (s) | min–max | pool failures | pool / raw |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in options.Tasks)
        {
            var raw = Median("raw", n);
            var engine = Median("engine", n);
            var pool = Median("pool", n);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n} | {raw:F3} | {Spread("raw", n)} | {Failures("raw", n)} | {engine:F3} | {Spread("engine", n)} | {Failures("engine", n)} | {engine / raw:F2} | {pool:F3} | {Spread("pool", n)} | {Failures("pool", n)} | {pool / raw:F3} |"));
        }
    }

    private double Median(string method, int n) => BenchReport.Median(_samples[(method, n)].Select(s => s.Seconds));

    private string Spread(string method, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{_samples[(method, n)].Min(s => s.Seconds):F2}–{_samples[(method, n)].Max(s => s.Seconds):F2}");

    /// <summary>Failures summed over the repeats, out of N × repeats.</summary>
    private string Failures(string method, int n) => $"{_samples[(method, n)].Sum(s => s.Failures)}/{n * options.Repeat}";
}
