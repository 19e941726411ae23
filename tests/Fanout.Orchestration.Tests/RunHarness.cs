using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Processes;
using Fanout.TestSupport;
using Fanout.Trackers;

namespace Fanout.Orchestration.Tests;

/// <summary>Runs a plan through the real pipeline: real git, real SQLite journal and tracker, real agent processes.</summary>
internal sealed class RunHarness : IDisposable
{
    private RunHarness(GitRepository repository) => Repository = repository;

    public GitRepository Repository { get; }

    public static async Task<RunHarness> CreateAsync(string plan, IReadOnlyDictionary<string, string>? files = null)
    {
        var repository = await GitRepository.CreateAsync(files ?? new Dictionary<string, string> { ["README.md"] = "# sample\n" });
        repository.Write("fanout.yaml", plan);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        return new RunHarness(repository);
    }

    public Task<PreparedRun> PrepareAsync(SetupStrategy strategy = SetupStrategy.Overlap, int? maxParallel = null) =>
        RunPreparation.PrepareAsync(
            new RunOptions(Path.Combine(Repository.Path, "fanout.yaml")) { Strategy = strategy, MaxParallel = maxParallel },
            ProcessRunner.Instance,
            CancellationToken.None);

    public async Task<(RunOutcome Outcome, RunSnapshot Run)> RunAsync(SetupStrategy strategy = SetupStrategy.Overlap, int? maxParallel = null, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(strategy, maxParallel);
        var outcome = await RunLauncher.LaunchAsync(prepared, TimeProvider.System, null, cancellationToken);
        await using var journal = await SqliteJournal.OpenAsync(prepared.Paths.JournalFile, CancellationToken.None);
        var run = await journal.LoadRunAsync(outcome.RunId, CancellationToken.None);
        return (outcome, run!);
    }

    public async Task<IReadOnlyList<TrackerIssue>> IssuesAsync(string runId)
    {
        await using var tracker = await LocalTracker.OpenAsync(Path.Combine(Repository.Path, ".git", "fanout", "tracker.db"), TimeProvider.System, CancellationToken.None);
        return await tracker.ListAsync(runId, CancellationToken.None);
    }

    public async Task<IReadOnlyList<IssueComment>> CommentsAsync(int issue)
    {
        await using var tracker = await LocalTracker.OpenAsync(Path.Combine(Repository.Path, ".git", "fanout", "tracker.db"), TimeProvider.System, CancellationToken.None);
        return await tracker.CommentsAsync(issue, CancellationToken.None);
    }

    public void Dispose() => Repository.Dispose();
}
