using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Storage.Postgres;
using Fanout.Trackers;
using Fanout.Trackers.GitHub;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>
/// The one place trackers are chosen and opened, for runs, merges and <c>fanout issues</c>; a GitHub
/// token that does not work is bad input (exit 2) before anything exists.
/// </summary>
public sealed class TrackerFactory(RepositoryPaths paths, IGit git, FanoutHost host)
{
    /// <summary>The shared database whose local tracker a run with <c>--db</c> uses; null keeps the repository's SQLite one.</summary>
    public PostgresDatabase? Database { get; init; }

    /// <summary>The tracker a plan (or <paramref name="requested"/>) names, with its repository and token found; sends nothing.</summary>
    public Task<TrackerChoice> ChooseAsync(Plan plan, string? requested, CancellationToken cancellationToken) =>
        TrackerSelection.ResolveAsync(plan, requested, git, host.Runner, host.Environment, cancellationToken);

    /// <param name="latency">Added to every request (<see cref="DelayedTracker"/>), to rehearse a slow tracker; zero adds nothing.</param>
    public async Task<ITracker> OpenAsync(TrackerChoice choice, TimeSpan latency, CancellationToken cancellationToken)
    {
        var tracker = await OpenChosenAsync(choice, cancellationToken);
        return latency > TimeSpan.Zero ? new DelayedTracker(tracker, latency, host.Time) : tracker;
    }

    /// <summary>The tracker a journaled run used, opened as the run opened it (a merge comments on conflicts there).</summary>
    public async Task<ITracker> OpenForRunAsync(RunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Tracker == TrackerChoice.LocalKind
            ? await OpenLocalAsync(cancellationToken)
            : throw new UserInputException($"the run used tracker '{run.Tracker}', which this version cannot open for merging");
    }

    private async Task<ITracker> OpenChosenAsync(TrackerChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.GitHub is not { } github)
        {
            return await OpenLocalAsync(cancellationToken);
        }

        try
        {
            return await GitHubTracker.OpenAsync(github with { Time = host.Time }, cancellationToken);
        }
        catch (TrackerAccessException refused)
        {
            throw new UserInputException(refused.Message);
        }
    }

    private async Task<ITracker> OpenLocalAsync(CancellationToken cancellationToken) =>
        Database is { } database
            ? await PostgresTracker.OpenAsync(database, host.Time, cancellationToken)
            : await LocalTracker.OpenAsync(paths.TrackerFile, host.Time, cancellationToken);
}
