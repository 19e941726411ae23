using Fanout.Processes;
using Fanout.Simulation.GitHub;

namespace Fanout.Bench;

/// <summary>
/// Runs every method for every N, repeat after repeat. Within a repeat the order of the methods
/// rotates, per N and per repeat, so drift in the machine's load and the disk work one measurement
/// leaves behind fall on every method alike.
/// </summary>
public sealed class BenchRunner(BenchSettings settings, FanoutProgram fanout, IProcessRunner runner)
{
    /// <summary>One line per measurement, for whoever shows progress.</summary>
    public event Action<BenchSample>? Measured;

    /// <summary>What is being prepared or measured now.</summary>
    public event Action<string>? Progress;

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Progress?.Invoke(settings.Repository is { } source ? $"copying {source} ..." : $"generating a repository of {settings.GenerateFiles} files ...");
        using var repository = settings.Repository is { } path
            ? await BenchRepository.CloneAsync(runner, path, cancellationToken)
            : await BenchRepository.CreateAsync(runner, settings.GenerateFiles, cancellationToken);
        await using var gitHub = settings.GitHubPacing ? SimulatedGitHubServer.Start(new SimulatedGitHubOptions { Owner = "bench", Name = "sample", Latency = settings.IssueLatency }) : null;
        var trial = new FanoutTrial(fanout, repository, settings, gitHub?.BaseAddress, gitHub?.Options.Token);
        var methods = settings.Strategies.Select(s => s.Name())
            .Concat(settings.Raw ? [RawWorktreeTrial.Method] : [])
            .Concat(settings.Script ? [ScriptTrial.Method] : [])
            .ToArray();
        var samples = new List<BenchSample>();
        var files = await repository.GitAsync(cancellationToken, "ls-files", "-z");
        await repository.ResetAsync(cancellationToken);
        for (var repeat = 1; repeat <= settings.Repeat; repeat++)
        {
            foreach (var (tasks, index) in settings.Tasks.Select((n, i) => (n, i)))
            {
                var shift = (repeat - 1 + index) % methods.Length;
                foreach (var method in methods.Skip(shift).Concat(methods.Take(shift)))
                {
                    Progress?.Invoke($"repeat {repeat}/{settings.Repeat}, {tasks} tasks, {method} ...");
                    var sample = method switch
                    {
                        RawWorktreeTrial.Method => await RawWorktreeTrial.RunAsync(repository, tasks, repeat, cancellationToken),
                        ScriptTrial.Method => await ScriptTrial.RunAsync(repository, tasks, repeat, settings.IssueLatency, cancellationToken),
                        _ => await trial.RunAsync(Parse(method), tasks, repeat, cancellationToken),
                    };
                    await repository.ResetAsync(cancellationToken);
                    samples.Add(sample);
                    Measured?.Invoke(sample);
                }
            }
        }

        var head = await repository.GitAsync(cancellationToken, "rev-parse", "--short", "HEAD");
        var machine = new BenchMachine(Environment.ProcessorCount, await repository.GitAsync(cancellationToken, "--version"), Environment.OSVersion.ToString());
        return new BenchReport(settings, samples, machine, files.Count(c => c == '\0'), head);
    }

    private static BenchStrategy Parse(string method) =>
        BenchStrategies.TryParse(method, out var strategy) ? strategy : throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method");
}
