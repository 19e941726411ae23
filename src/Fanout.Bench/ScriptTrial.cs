using System.Diagnostics;
using System.Globalization;

using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>
/// What a user of the parallel setup pattern writes instead of Fanout: its instructions as a shell
/// script, every task in a background subshell that creates its issue (the tracker's latency, as
/// <c>sleep</c>) and then adds its worktree. Nothing serialises the adds, so some fail; each
/// subshell that fails says so, and those are counted.
/// </summary>
public static class ScriptTrial
{
    public const string Method = "script";

    /// <summary>The script, as the pattern's instructions put it; <c>$1</c> is N, <c>$2</c> the issue's delay in seconds.</summary>
    public const string Script = """
        for N in $(seq 1 "$1"); do
          (
            sleep "$2"  # gh issue create --title "task $N" ...
            git worktree add worktrees/task-$N -b feature/task-$N >/dev/null 2>&1 || echo "task-$N failed"
          ) &
        done
        wait
        """;

    public static async Task<BenchSample> RunAsync(BenchRepository repository, int tasks, int repeat, TimeSpan issueLatency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var delay = issueLatency.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var result = await repository.Runner.RunAsync(
            new ProcessSpec("sh", ["-c", Script, "script", tasks.ToString(CultureInfo.InvariantCulture), delay]) { WorkingDirectory = repository.Path },
            cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var failed = result.StandardOutput.Split('\n').Count(line => line.EndsWith(" failed", StringComparison.Ordinal));

        // Failed adds leave folders git never registered, inside the repository.
        var folder = Path.Combine(repository.Path, "worktrees");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return new BenchSample(tasks, Method, repeat, seconds, failed) { WallSeconds = seconds };
    }
}
