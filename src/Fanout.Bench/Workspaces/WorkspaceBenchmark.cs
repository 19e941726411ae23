using System.Diagnostics;
using System.Globalization;

using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Bench.Workspaces;

/// <summary>
/// N worktrees at once, three ways, side by side on one generated repository: raw concurrent
/// <c>git worktree add</c>, Fanout's <see cref="WorktreeEngine"/>, and claims from a warm
/// <see cref="WorktreePool"/>. The order of the three rotates from repeat to repeat, so drift in
/// the machine's load, and the cost of the previous measurement's writes, fall on all of them alike.
/// </summary>
internal sealed class WorkspaceBenchmark(WorkspaceBenchOptions options, TextWriter output)
{
    private static readonly string[] Methods = ["raw", "engine", "pool"];

    private readonly Dictionary<(string Method, int N), List<(double Seconds, int Failures)>> _samples = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"generating a repository of {options.Files} files ...");
        using var repository = await BenchRepository.CreateAsync(options.Files, cancellationToken);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, cancellationToken);
        var head = await repository.GitAsync(cancellationToken, "rev-parse", "HEAD");
        var engine = new WorktreeEngine(paths, ProcessRunner.Instance);
        var pool = new WorktreePool(paths, engine, ProcessRunner.Instance);
        for (var repeat = 1; repeat <= options.Repeat; repeat++)
        {
            foreach (var (n, index) in options.Tasks.Select((n, index) => (n, index)))
            {
                // Per N, each method takes each position once in every three repeats: whoever runs
                // right after another pays for the disk work it left behind.
                var shift = (repeat - 1 + index) % Methods.Length;
                var order = Methods.Skip(shift).Concat(Methods.Take(shift)).ToArray();
                foreach (var method in order)
                {
                    await repository.ResetAsync(cancellationToken);
                    if (method == "pool")
                    {
                        await pool.WarmAsync(new PoolSettings(n, "main", PoolSettings.DefaultMaxDiskMB), head, cancellationToken);
                        await ProcessRunner.Instance.RunAsync(new ProcessSpec("sync", []), cancellationToken);
                    }

                    await Task.Delay(TimeSpan.FromSeconds(options.Settle), cancellationToken);
                    var tag = $"{method}-r{repeat}-n{n}";
                    var sample = method switch
                    {
                        "raw" => await RawAsync(repository, n, repeat, cancellationToken),
                        "engine" => await TimeAsync(n, i => engine.CreateAsync(Request(paths, tag, i, head), cancellationToken)),
                        _ => await TimeAsync(n, async i => await pool.TryClaimAsync(Request(paths, tag, i, head), cancellationToken) ?? throw new InvalidOperationException("pool empty")),
                    };
                    Record(method, n, sample);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  repeat {repeat}, N={n}, {method,-6}: {sample.Seconds,7:F3} s, {sample.Failures} failed"));
                }
            }
        }

        await repository.ResetAsync(cancellationToken);
        await WriteTableAsync(await repository.GitAsync(cancellationToken, "--version"));
    }

    private static WorkspaceRequest Request(RepositoryPaths paths, string tag, int i, string head) =>
        new(tag, $"t{i}", WorkspaceNames.Branch(tag, $"t{i}"), WorkspaceNames.Directory(paths.WorktreeRoot, tag, $"t{i}"), head);

    /// <summary>What tools without a lock do: every add at once, a fresh branch each (a failed add may have made its branch already).</summary>
    private static async Task<(double Seconds, int Failures)> RawAsync(BenchRepository repository, int n, int repeat, CancellationToken cancellationToken)
    {
        var sample = await RawWorktreeTrial.RunAsync(repository, n, repeat, cancellationToken);
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

    private async Task WriteTableAsync(string gitVersion)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{options.Files} files, median of {options.Repeat} repeat(s), {options.Settle} s idle before each; {Environment.ProcessorCount} cores; {gitVersion}; {Environment.OSVersion}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| N | raw `git worktree add` (s) | raw failures | engine (s) | engine failures | engine / raw | pool claim (s) | pool failures | pool / raw |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in options.Tasks)
        {
            var raw = Median("raw", n);
            var engine = Median("engine", n);
            var pool = Median("pool", n);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n} | {raw:F3} | {Failures("raw", n)} | {engine:F3} | {Failures("engine", n)} | {engine / raw:F2} | {pool:F3} | {Failures("pool", n)} | {pool / raw:F3} |"));
        }
    }

    private double Median(string method, int n) => BenchReport.Median(_samples[(method, n)].Select(s => s.Seconds));

    /// <summary>Failures summed over the repeats, out of N × repeats.</summary>
    private string Failures(string method, int n) => $"{_samples[(method, n)].Sum(s => s.Failures)}/{n * options.Repeat}";
}
