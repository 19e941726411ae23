using System.Globalization;
using System.Text.Json;

using Fanout.Processes;

namespace Fanout.Bench.Goal;

/// <summary>
/// From goal to every agent started, three ways, side by side on one generated repository with a
/// scripted planner (a command that writes one task every so often and notes when): planning first
/// and running after (<c>fanout plan</c>, then <c>fanout run</c>), and <c>fanout run --goal</c>
/// without and with a warm pool. The order rotates per N and per repeat, so drift in the machine
/// falls on every method alike. Times come from the journal (<c>status --json</c>) and the planner's
/// own notes, all on the wall clock.
/// </summary>
internal sealed class GoalBenchmark(GoalBenchOptions options, FanoutProgram fanout, Action<string> progress)
{
    public const string PlanThenRun = "plan-then-run";
    public const string Predictive = "goal";
    public const string PredictiveWarm = "goal-warm";
    private static readonly string[] Methods = [PlanThenRun, Predictive, PredictiveWarm];
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);

    public async Task<GoalBenchReport> RunAsync(CancellationToken cancellationToken)
    {
        progress($"generating a repository of {options.Files} files ...");
        using var repository = await BenchRepository.CreateAsync(options.Files, cancellationToken);
        File.WriteAllText(Path.Combine(repository.Path, "fanout.yaml"), GoalBenchPlanner.Defaults());
        await repository.GitAsync(cancellationToken, "add", "fanout.yaml");
        await repository.GitAsync(cancellationToken, "commit", "-q", "-m", "bench defaults");
        await repository.ResetAsync(cancellationToken);
        var samples = new List<GoalSample>();
        for (var repeat = 1; repeat <= options.Repeat; repeat++)
        {
            foreach (var (n, index) in options.Tasks.Select((n, i) => (n, i)))
            {
                var shift = (repeat - 1 + index) % Methods.Length;
                foreach (var method in Methods.Skip(shift).Concat(Methods.Take(shift)))
                {
                    progress($"repeat {repeat}/{options.Repeat}, {n} tasks, {method} ...");
                    var sample = await MeasureAsync(repository, method, n, repeat, cancellationToken);
                    samples.Add(sample);
                    progress(string.Create(CultureInfo.InvariantCulture, $"  {method,-13} {n,3} tasks: all agents started {sample.AllStartedSeconds,7:F2} s after the goal, {sample.AfterLastTaskSeconds,6:F2} s after the last task{(sample.Failed ? " (FAILED)" : string.Empty)}"));
                    await repository.ResetAsync(cancellationToken);
                }
            }
        }

        var machine = $"{Environment.ProcessorCount} cores; {await repository.GitAsync(cancellationToken, "--version")}; {Environment.OSVersion}";
        return new GoalBenchReport(options, samples, machine);
    }

    private async Task<GoalSample> MeasureAsync(BenchRepository repository, string method, int n, int repeat, CancellationToken cancellationToken)
    {
        var stamps = Path.Combine(repository.Parent, $"stamps-{method}-{n}-{repeat}.txt");
        var environment = new Dictionary<string, string?>
        {
            [GoalBenchPlanner.TasksVariable] = n.ToString(CultureInfo.InvariantCulture),
            [GoalBenchPlanner.EveryVariable] = options.Every.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            [GoalBenchPlanner.StampsVariable] = stamps,
        };
        var goal = $"Bench: {n} tasks";
        var started = DateTimeOffset.UtcNow;
        bool ok;
        if (method == PlanThenRun)
        {
            var plan = Path.Combine(repository.Parent, $"planned-{n}-{repeat}.yaml");
            ok = (await RunAsync(repository, environment, cancellationToken, "plan", goal, "--agent", GoalBenchPlanner.Name, "--out", plan, "--force", "--repo", repository.Path)).Succeeded
                && (await RunAsync(repository, environment, cancellationToken, "run", plan, "--repo", repository.Path, "--json")).Succeeded;
        }
        else
        {
            var warm = method == PredictiveWarm ? options.Warm : 0;
            ok = (await RunAsync(repository, environment, cancellationToken, "run", "--goal", goal, "--planner", GoalBenchPlanner.Name, "--warm", warm.ToString(CultureInfo.InvariantCulture), "--repo", repository.Path, "--json")).Succeeded;
        }

        var status = await RunAsync(repository, environment, cancellationToken, "status", "--json", "--repo", repository.Path);
        var ready = AgentStarts(status.StandardOutput);
        var lastTask = File.Exists(stamps)
            ? File.ReadAllLines(stamps).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max()
            : 0;
        var lastAgent = ready.Count == 0 ? started : ready.Max();
        var failed = !ok || ready.Count != n;
        return new GoalSample(method, n, repeat, (lastAgent - started).TotalSeconds, lastAgent.ToUnixTimeMilliseconds() / 1000.0 - lastTask, failed);
    }

    private static List<DateTimeOffset> AgentStarts(string statusJson)
    {
        using var document = JsonDocument.Parse(statusJson);
        return [.. document.RootElement.GetProperty("tasks").EnumerateArray()
            .Select(t => t.TryGetProperty("agentReadyAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : (DateTimeOffset?)null)
            .OfType<DateTimeOffset>()];
    }

    private async Task<ProcessResult> RunAsync(BenchRepository repository, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] arguments) =>
        await ProcessRunner.Instance.RunAsync(fanout.Spec(arguments, repository.Path, environment, RunTimeout), cancellationToken);
}
