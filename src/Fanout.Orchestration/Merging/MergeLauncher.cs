using System.Threading.Channels;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Plans;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary>What <c>fanout merge</c> was asked.</summary>
public sealed record MergeRequest
{
    /// <summary>The run; null means the latest.</summary>
    public string? RunId { get; init; }

    public string? Into { get; init; }

    /// <summary>Overrides the plan's <c>merge: {test: ...}</c>.</summary>
    public MergeTestMode? Test { get; init; }
}

/// <summary><c>fanout merge</c>: the merge queue over a finished (or running) run, from its journal.</summary>
public static class MergeLauncher
{
    public static async Task<(string RunId, MergeReport Report)> MergeAsync(FanoutSession session, MergeRequest request, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var run = await session.LoadRunAsync(request.RunId, cancellationToken);
        if (request.Into is { } into)
        {
            // Refused before anything else is read or made.
            await IntoBranch.CheckAsync(session.Git, into, WorkspaceNames.Branch(run.Id, "integration"), cancellationToken);
        }

        var plan = LoadPlan(run.Info, session.Paths);
        var redactor = Redactor.FromEnvironment(session.Host.Environment);
        await using var tracker = RedactingTracker.Wrap(await session.Trackers.OpenForRunAsync(run.Info, cancellationToken), redactor);
        var settings = new MergeSettings { Test = request.Test ?? plan.MergeTest ?? MergeTestMode.Once, Into = request.Into };
        var setup = new MergeSetup(session, new RunIdentity(run.Id, run.Info.BaseRef, run.Info.BaseCommit), settings)
        {
            Tracker = tracker,
            Recorder = new RunRecorder(await session.JournalAsync(cancellationToken), session.Time, live, redactor),
            Workspaces = session.Worktrees,
            Test = plan.Test,
        };

        // Two merges of one run at once would race on its integration worktree.
        await using var held = await RepositoryLock.AcquireAsync(session.Paths.MergeLockFile(run.Id), cancellationToken);
        var candidates = MergeRunner.DependencyOrder(run.Tasks, t => t.Id, t => t.DependsOn)
            .Select(t => new MergeCandidate(t.Id, t.Title, t.DependsOn, Task.FromResult(new TaskOutcome(t.State, t.Branch, t.Issue))))
            .ToArray();
        return (run.Id, await new MergeRunner(setup).RunAsync(candidates, cancellationToken));
    }

    /// <summary>The run's plan (for its test command): the path as the run was given it, from here or from the repository.</summary>
    private static Plan LoadPlan(RunInfo info, RepositoryPaths paths)
    {
        var candidates = new[] { Path.GetFullPath(info.PlanFile), Path.GetFullPath(info.PlanFile, info.Repository), Path.GetFullPath(info.PlanFile, paths.Root) };
        var found = candidates.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p))
            ?? throw new UserInputException($"the run's plan '{info.PlanFile}' is not found (looked in {Directory.GetCurrentDirectory()} and {info.Repository}); run 'fanout merge' from the folder the run started in");
        return PlanLoader.Load(found, new PlanLoadOptions { RepositoryRoot = paths.Root });
    }
}
