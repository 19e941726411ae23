using System.Diagnostics;
using System.Globalization;

using Fanout.Simulation.GitHub;
using Fanout.Trackers;
using Fanout.Trackers.GitHub;

namespace Fanout.Bench.Issues;

/// <summary>
/// N workers each asking the GitHub tracker for their issue at once, as a run's workers do, against
/// a fresh simulated GitHub per measurement: REST (one issue a request, a second between requests)
/// beside GraphQL batches, both under GitHub's default pacing. Measured: the time from the first
/// request until every issue exists, the requests sent, and issues made more than once.
/// </summary>
internal sealed class IssueBenchmark(IssueBenchOptions options, TextWriter output)
{
    private static readonly string[] Methods = ["rest", "graphql"];

    private readonly Dictionary<(string Method, int N), List<IssueSample>> _samples = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var repeat = 1; repeat <= options.Repeat; repeat++)
        {
            foreach (var (n, index) in options.Tasks.Select((n, index) => (n, index)))
            {
                // Each method goes first in every other repeat, so a warmer process favours neither.
                var order = (repeat + index) % 2 == 0 ? Methods : [.. Methods.Reverse()];
                foreach (var method in order)
                {
                    var sample = await MeasureAsync(method, n, repeat, cancellationToken);
                    Record(method, n, sample);
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  repeat {repeat}, N={n}, {method,-7}: {sample.Seconds,7:F2} s, {sample.Requests} requests ({sample.Creates} creating), {sample.Duplicates} duplicates"));
                }
            }
        }

        await WriteTableAsync();
    }

    private async Task<IssueSample> MeasureAsync(string method, int n, int repeat, CancellationToken cancellationToken)
    {
        await using var server = SimulatedGitHubServer.Start(new SimulatedGitHubOptions
        {
            Latency = options.Latency,
            CreateLatency = options.CreateLatency,
            FaultRate = options.FaultRate,
            Seed = repeat,
            SlowDelay = TimeSpan.FromSeconds(2),
        });
        var tracker = await GitHubTracker.OpenAsync(
            new GitHubTrackerOptions(new GitHubRepository(server.Options.Owner, server.Options.Name), server.BaseAddress, new GitHubToken(server.Options.Token, "bench"))
            {
                Batching = GitHubBatching.Default with { GraphQL = method == "graphql" },
            },
            cancellationToken);
        await using (tracker)
        {
            var before = server.Requests.Count;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(1, n).Select(i => Task.Run(
                () => tracker.EnsureIssueAsync(new IssueRequest($"bench{repeat}", $"task-{i}", $"Task {i}", "Measured by fanout bench issues."), cancellationToken),
                cancellationToken)));
            var seconds = clock.Elapsed.TotalSeconds;
            var served = server.Requests.Skip(before).ToArray();
            var creates = served.Count(r => r.Method == "POST" && (r.Path == "/graphql" || r.Path.EndsWith("/issues", StringComparison.Ordinal)));
            var distinct = server.Issues.Select(i => i.Body).Distinct(StringComparer.Ordinal).Count();
            return new IssueSample(seconds, served.Length, creates, server.Issues.Count - distinct + (n - distinct));
        }
    }

    private void Record(string method, int n, IssueSample sample)
    {
        if (!_samples.TryGetValue((method, n), out var list))
        {
            _samples[(method, n)] = list = [];
        }

        list.Add(sample);
    }

    private async Task WriteTableAsync()
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Time until all N issues exist: median [min–max] of {options.Repeat}, interleaved; {options.Latency.TotalMilliseconds:0} ms a request + {options.CreateLatency.TotalMilliseconds:0} ms an issue created, fault rate {options.FaultRate:0.##}; GitHub's default pacing (1 s between mutations, 80 creations a minute); {Environment.ProcessorCount} cores"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| N | REST paced (s) | requests | GraphQL batched (s) | requests | GraphQL / REST | issues made twice or missing |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in options.Tasks)
        {
            var rest = _samples[("rest", n)];
            var graphQL = _samples[("graphql", n)];
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n} | {Spread(rest)} | {Median(rest, s => s.Requests):0} | {Spread(graphQL)} | {Median(graphQL, s => s.Requests):0} | {Median(graphQL, s => s.Seconds) / Median(rest, s => s.Seconds):F2} | {rest.Sum(s => s.Duplicates) + graphQL.Sum(s => s.Duplicates)} |"));
        }
    }

    private static string Spread(List<IssueSample> samples) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(samples, s => s.Seconds):F1} [{samples.Min(s => s.Seconds):F1}–{samples.Max(s => s.Seconds):F1}]");

    private static double Median(List<IssueSample> samples, Func<IssueSample, double> value) => BenchReport.Median(samples.Select(value));

    /// <summary>One measurement: seconds until every issue existed, requests sent (of them, creating), and issues missing or made twice.</summary>
    private sealed record IssueSample(double Seconds, int Requests, int Creates, int Duplicates);
}
