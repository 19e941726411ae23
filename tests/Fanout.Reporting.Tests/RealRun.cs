using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration;
using Fanout.Orchestration.Session;
using Fanout.TestSupport;

namespace Fanout.Reporting.Tests;

/// <summary>A plan run through the real pipeline (git, SQLite, agent processes) and read back from its journal.</summary>
internal sealed class RealRun : IDisposable
{
    private RealRun(GitRepository repository, RunSnapshot run, IReadOnlyList<RunEvent> events)
    {
        Repository = repository;
        Run = run;
        Events = events;
    }

    public GitRepository Repository { get; }

    public RunSnapshot Run { get; }

    /// <summary>The run's events as the journal holds them, in order.</summary>
    public IReadOnlyList<RunEvent> Events { get; }

    /// <summary>Three tasks; the third depends on the first, so it waits; the second fails its tests when <paramref name="withFailure"/>.</summary>
    public static async Task<RealRun> CreateAsync(bool withFailure = false)
    {
        var repository = await GitRepository.CreateAsync();
        var test = withFailure ? "[sh, -c, 'test \"$FANOUT_TASK\" != task-2']" : null;
        repository.Write("fanout.yaml", PlanText.Plan(3, test: test, taskExtra: i => i == 3 ? "    dependsOn: [task-1]" : string.Empty));
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");
        var host = FanoutHost.For(new FanoutConsole(TextWriter.Null, TextWriter.Null));
        await using var session = await FanoutSession.OpenAsync(host, repository.Path, CancellationToken.None);
        var prepared = await RunPreparation.PrepareAsync(session, new RunOptions(Path.Combine(repository.Path, "fanout.yaml")), CancellationToken.None);
        var outcome = await RunLauncher.LaunchAsync(session, prepared, null, CancellationToken.None);
        var journal = await session.JournalAsync(CancellationToken.None);
        return new RealRun(
            repository,
            await session.LoadRunAsync(outcome.RunId, CancellationToken.None),
            await journal.EventsAsync(outcome.RunId, CancellationToken.None));
    }

    public void Dispose() => Repository.Dispose();
}
