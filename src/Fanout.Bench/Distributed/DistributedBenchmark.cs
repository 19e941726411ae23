using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using Fanout.Processes;

namespace Fanout.Bench.Distributed;

/// <summary>
/// Each trial: a fresh bare remote and coordinator clone with the plan committed, N fresh workers
/// (fresh clones: their first clone counts in the engine's cost), started and ready before the run
/// starts, stopped after it. The run's own <c>--json</c> events give its wall time and, per task,
/// when it was enqueued and when its agent started. Worker counts are interleaved in each repeat.
/// </summary>
internal sealed class DistributedBenchmark(DistributedBenchSettings settings, FanoutProgram fanout, IProcessRunner runner, Action<string> progress)
{
    public async Task<IReadOnlyList<DistributedSample>> RunAsync(CancellationToken cancellationToken)
    {
        var samples = new List<DistributedSample>();
        for (var repeat = 1; repeat <= settings.Repeat; repeat++)
        {
            foreach (var workers in settings.Workers)
            {
                var sample = await TrialAsync(workers, repeat, cancellationToken);
                progress(string.Create(CultureInfo.InvariantCulture, $"{workers} worker(s), repeat {repeat}: wall {sample.WallSeconds:F2} s, engine per task median {DistributedBenchReport.Median(sample.EngineSeconds):F3} s, {sample.Failed} failed"));
                samples.Add(sample);
            }
        }

        return samples;
    }

    private async Task<DistributedSample> TrialAsync(int count, int repeat, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), $"fanout-bench-dist-{Guid.NewGuid():N}"[..36]);
        Directory.CreateDirectory(root);
        var processes = new List<Process>();
        try
        {
            var repository = await RepositoryAsync(root, cancellationToken);
            for (var n = 1; n <= count; n++)
            {
                processes.Add(await StartWorkerAsync($"bench-{repeat}-{n}", Path.Combine(root, $"worker-{n}"), cancellationToken));
            }

            var run = await runner.RunAsync(
                fanout.Spec(["run", "fanout.yaml", "--db", settings.Database, "--json"], repository, Environment(), TimeSpan.FromMinutes(30)),
                cancellationToken);
            return Sample(count, repeat, run);
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }

                process.Dispose();
            }

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private DistributedSample Sample(int count, int repeat, ProcessResult run)
    {
        DateTimeOffset? started = null, finished = null;
        var enqueued = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var agents = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var failed = 0;
        foreach (var line in run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            var at = e.GetProperty("at").GetDateTimeOffset();
            var task = e.TryGetProperty("taskId", out var id) ? id.GetString() : null;
            switch (e.GetProperty("kind").GetString())
            {
                case "runStarted":
                    started = at;
                    break;
                case "runFinished":
                    finished = at;
                    break;
                case "taskStateChanged" when task is not null && e.TryGetProperty("reason", out var reason) && reason.GetString()!.StartsWith("enqueued", StringComparison.Ordinal):
                    enqueued.TryAdd(task, at);
                    break;
                case "taskStateChanged" when task is not null && e.GetProperty("state").GetString() is "failed" or "blocked" or "cancelled":
                    failed++;
                    break;
                case "phaseStarted" when task is not null && e.GetProperty("phase").GetString() == "agent":
                    agents.TryAdd(task, at);
                    break;
            }
        }

        if (started is null || finished is null)
        {
            throw new BenchException($"the run with {count} worker(s) did not finish (exit code {run.ExitCode}): {run.StandardErrorTail(5)}");
        }

        var engine = agents.Where(a => enqueued.ContainsKey(a.Key)).Select(a => (a.Value - enqueued[a.Key]).TotalSeconds).ToArray();
        return new DistributedSample(count, repeat, (finished.Value - started.Value).TotalSeconds, engine, failed + (settings.Tasks - agents.Count));
    }

    private async Task<string> RepositoryAsync(string root, CancellationToken cancellationToken)
    {
        var remote = Path.Combine(root, "remote.git");
        var repository = Path.Combine(root, "repo");
        await GitAsync(root, cancellationToken, "init", "--quiet", "--bare", "--initial-branch=main", remote);
        await GitAsync(root, cancellationToken, "init", "--quiet", "--initial-branch=main", repository);
        await File.WriteAllTextAsync(Path.Combine(repository, "fanout.yaml"), Plan(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(repository, "README.md"), "bench\n", cancellationToken);
        await GitAsync(repository, cancellationToken, "add", "-A");
        await GitAsync(repository, cancellationToken, "-c", "user.name=Fanout Bench", "-c", "user.email=bench@fanout.invalid", "commit", "--quiet", "-m", "Plan");
        await GitAsync(repository, cancellationToken, "remote", "add", "origin", remote);
        await GitAsync(repository, cancellationToken, "push", "--quiet", "origin", "main");
        return repository;
    }

    private string Plan()
    {
        var seconds = settings.AgentSeconds.ToString(CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "name: bench-distributed",
            "agent: sleep",
            "agents:",
            "  sleep:",
            $"    command: [sh, -c, 'sleep {seconds}; echo \"$FANOUT_TASK\" > \"out-$FANOUT_TASK.txt\"']",
            "tasks:",
        };
        lines.AddRange(Enumerable.Range(1, settings.Tasks).Select(n => $"  - {{id: t{n:000}, title: Task {n}, prompt: Write a file}}"));
        return string.Join('\n', lines) + "\n";
    }

    private async Task<Process> StartWorkerAsync(string name, string workDirectory, CancellationToken cancellationToken)
    {
        var spec = fanout.Spec(["worker", "--db", settings.Database, "--name", name, "--slots", settings.Slots.ToString(CultureInfo.InvariantCulture), "--work-dir", workDirectory], workDirectory, Environment(), TimeSpan.Zero);
        Directory.CreateDirectory(workDirectory);
        var start = new ProcessStartInfo(spec.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDirectory };
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Environment())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(": takes tasks from ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return process;
    }

    private static Dictionary<string, string?> Environment() => new(StringComparer.Ordinal)
    {
        ["DOTNET_NOLOGO"] = "1",
        ["GIT_AUTHOR_NAME"] = "Fanout Bench",
        ["GIT_AUTHOR_EMAIL"] = "bench@fanout.invalid",
        ["GIT_COMMITTER_NAME"] = "Fanout Bench",
        ["GIT_COMMITTER_EMAIL"] = "bench@fanout.invalid",
    };

    private async Task GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await runner.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = directory }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new BenchException($"git {string.Join(' ', arguments)} failed: {result.StandardErrorTail(3)}");
        }
    }
}
