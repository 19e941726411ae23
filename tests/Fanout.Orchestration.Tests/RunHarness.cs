using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Resuming;
using Fanout.Orchestration.Session;
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

    /// <summary>The real process runner and clock; nothing is written to the console.</summary>
    public static FanoutHost Host { get; } = FanoutHost.For(new FanoutConsole(TextWriter.Null, TextWriter.Null));

    public Task<FanoutSession> SessionAsync() => FanoutSession.OpenAsync(Host, Repository.Path, CancellationToken.None);

    public Task<PreparedRun> PrepareAsync(FanoutSession session, SetupStrategy strategy = SetupStrategy.Overlap, int? maxParallel = null) =>
        RunPreparation.PrepareAsync(
            session,
            new RunOptions(Path.Combine(Repository.Path, "fanout.yaml")) { Strategy = strategy, MaxParallel = maxParallel },
            CancellationToken.None);

    public async Task<(RunOutcome Outcome, RunSnapshot Run)> RunAsync(SetupStrategy strategy = SetupStrategy.Overlap, int? maxParallel = null, CancellationToken cancellationToken = default)
    {
        await using var session = await SessionAsync();
        var prepared = await PrepareAsync(session, strategy, maxParallel);
        var outcome = await RunLauncher.LaunchAsync(session, prepared, null, cancellationToken);
        return (outcome, await session.LoadRunAsync(outcome.RunId, CancellationToken.None));
    }

    /// <summary>Takes the latest (or named) run up again: a resume, or a retry of <paramref name="retry"/> with <paramref name="followUp"/>.</summary>
    public async Task<(RunOutcome Outcome, RunSnapshot Run)> ResumeAsync(string? runId = null, IReadOnlyList<string>? retry = null, string? followUp = null)
    {
        await using var session = await SessionAsync();
        var resumed = await ResumePreparation.PrepareAsync(session, new ResumeRequest { RunId = runId, Retry = retry ?? [], FollowUp = followUp }, CancellationToken.None);
        var outcome = await RunLauncher.LaunchAsync(session, resumed.Prepared, null, CancellationToken.None, resumed.Resumption);
        return (outcome, await session.LoadRunAsync(outcome.RunId, CancellationToken.None));
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
