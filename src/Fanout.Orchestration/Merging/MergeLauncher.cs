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

    /// <summary>With <see cref="Into"/>: land the tasks that merged with passing tests even when others did not.</summary>
    public bool Partial { get; init; }
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

        var plan = PlanLoader.Load(RunPlan.Locate(run.Info, session.Paths), new PlanLoadOptions { RepositoryRoot = session.Paths.Root });
        var redactor = Redactor.FromEnvironment(session.Host.Environment);
        await using var tracker = RedactingTracker.Wrap(await session.Trackers.OpenForRunAsync(run.Info, cancellationToken), redactor);
        var settings = new MergeSettings { Test = request.Test ?? plan.MergeTest ?? MergeTestMode.Once, Into = request.Into, Partial = request.Partial };
        var setup = new MergeSetup(session, new RunIdentity(run.Id, run.Info.BaseRef, run.Info.BaseCommit), settings)
        {
            Tracker = tracker,
            Recorder = new RunRecorder(await session.JournalAsync(cancellationToken), session.Time, live, redactor),
            Workspaces = session.Worktrees,
            Test = plan.Test,
            Setup = plan.Setup,
            Include = plan.Include,
            IntegrationPrepared = run.IntegrationPreparation is { Outcome: PhaseOutcome.Succeeded },
        };

        // Two merges of one run at once would race on its integration worktree.
        await using var held = await RepositoryLock.AcquireAsync(session.Paths.MergeLockFile(run.Id), cancellationToken);
        var candidates = MergeRunner.DependencyOrder(run.Tasks, t => t.Id, t => t.DependsOn)
            .Select(t => new MergeCandidate(t.Id, t.Title, t.DependsOn, Task.FromResult(new TaskOutcome(t.State, t.Branch, t.Issue))))
            .ToArray();
        return (run.Id, await new MergeRunner(setup).RunAsync(candidates, cancellationToken));
    }
}
