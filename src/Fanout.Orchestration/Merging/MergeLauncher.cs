using System.Threading.Channels;

using Fanout.Journal;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>What <c>fanout merge</c> was asked.</summary>
public sealed record MergeRequest
{
    public string? RepositoryDirectory { get; init; }

    /// <summary>The run; null means the latest.</summary>
    public string? RunId { get; init; }

    public string? Into { get; init; }

    /// <summary>Overrides the plan's <c>merge: {test: ...}</c>.</summary>
    public MergeTestMode? Test { get; init; }
}

/// <summary><c>fanout merge</c>: the merge queue over a finished (or running) run, from its journal.</summary>
public static class MergeLauncher
{
    public static async Task<(string RunId, MergeReport Report)> MergeAsync(MergeRequest request, TimeProvider time, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runner = ProcessRunner.Instance;
        var paths = await RepositoryLocator.LocateAsync(request.RepositoryDirectory ?? Directory.GetCurrentDirectory(), runner, cancellationToken);
        if (!File.Exists(paths.JournalFile))
        {
            throw new InputException($"no Fanout runs in {paths.Root} yet; start one with 'fanout run PLAN'");
        }

        await using var journal = await SqliteJournal.OpenAsync(paths.JournalFile, cancellationToken);
        var run = await journal.LoadRunAsync(request.RunId, cancellationToken)
            ?? throw new InputException(request.RunId is null ? $"no Fanout runs in {paths.Root} yet" : $"no run '{request.RunId}' in {paths.Root}; 'fanout status' shows the latest");
        var git = new Git(paths.Root, runner);
        if (request.Into is { } into)
        {
            // Refused before anything else is read or made.
            await IntoBranch.CheckAsync(git, into, WorkspaceNames.Branch(run.Id, "integration"), cancellationToken);
        }

        var plan = LoadPlan(run.Info, paths);
        await using var tracker = await OpenTrackerAsync(run.Info.Tracker, paths, time, cancellationToken);
        var setup = new MergeSetup(run.Id, paths, run.Info.BaseRef, run.Info.BaseCommit, new MergeSettings { Test = request.Test ?? plan.MergeTest ?? MergeTestMode.Once, Into = request.Into })
        {
            Tracker = tracker,
            Recorder = new RunRecorder(journal, time, live),
            Runner = runner,
            Workspaces = new WorktreeEngine(paths, runner, time),
            Git = git,
            Test = plan.Test,
        };

        // Two merges of one run at once would race on its integration worktree.
        await using var held = await RepositoryLock.AcquireAsync(Path.Combine(paths.LockDir, $"merge-{WorkspaceNames.SanitizeComponent(run.Id)}.lock"), cancellationToken);
        var candidates = MergeRunner.DependencyOrder(run.Tasks, t => t.Id, t => t.DependsOn)
            .Select(t => new MergeCandidate(t.Id, t.Title, t.DependsOn, Task.FromResult(new TaskOutcome(t.State, t.Branch, t.Issue))))
            .ToArray();
        return (run.Id, await new MergeRunner(setup).RunAsync(candidates, cancellationToken));
    }

    /// <summary>The run's tracker, opened as the run opened it (issue comments on conflicts go there).</summary>
    public static async Task<ITracker> OpenTrackerAsync(string tracker, RepositoryPaths paths, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return tracker == "local"
            ? await LocalTracker.OpenAsync(paths.TrackerFile, time, cancellationToken)
            : throw new InputException($"the run used tracker '{tracker}', which this version cannot open for merging");
    }

    /// <summary>The run's plan (for its test command): the path as the run was given it, from here or from the repository.</summary>
    private static Plan LoadPlan(RunInfo info, RepositoryPaths paths)
    {
        var candidates = new[] { Path.GetFullPath(info.PlanFile), Path.GetFullPath(info.PlanFile, info.Repository), Path.GetFullPath(info.PlanFile, paths.Root) };
        var found = candidates.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p))
            ?? throw new InputException($"the run's plan '{info.PlanFile}' is not found (looked in {Directory.GetCurrentDirectory()} and {info.Repository}); run 'fanout merge' from the folder the run started in");
        return PlanLoader.Load(found);
    }
}
