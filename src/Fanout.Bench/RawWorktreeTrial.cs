using System.Diagnostics;

using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>
/// The physical reference: N <c>git worktree add</c> at once, as tools without a lock do, each
/// with its own new branch and a full checkout. Concurrent adds sometimes fail; those are counted.
/// </summary>
public static class RawWorktreeTrial
{
    public const string Method = "raw";

    /// <summary>Under the bench's temp folder, outside the repository.</summary>
    public const string Folder = "raw-worktrees";

    public static Task<BenchSample> RunAsync(BenchRepository repository, int tasks, int repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return RunAsync(repository.Runner, repository, tasks, repeat, cancellationToken);
    }

    /// <param name="runner">Runs the adds (the bench's tracer, when it traces them).</param>
    /// <param name="repository">Where to add them.</param>
    /// <param name="tasks">How many at once.</param>
    /// <param name="repeat">Which repeat this is; names the branches.</param>
    /// <param name="cancellationToken">Stops the adds.</param>
    public static async Task<BenchSample> RunAsync(IProcessRunner runner, BenchRepository repository, int tasks, int repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(repository);
        var root = Path.Combine(repository.Parent, Folder, $"r{repeat}n{tasks}");
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(1, tasks).Select(i =>
            runner.RunAsync(
                new ProcessSpec("git", ["worktree", "add", "--quiet", "-b", $"bench-raw/r{repeat}n{tasks}/t{i}", Path.Combine(root, $"t{i}"), "HEAD"]) { WorkingDirectory = repository.Path },
                cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        return new BenchSample(tasks, Method, repeat, seconds, results.Count(r => !r.Succeeded)) { WallSeconds = seconds };
    }
}
