using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Pipeline;
using Fanout.Plans;
using Fanout.Workspaces;

namespace Fanout.Orchestration.Merging;

/// <summary><c>fanout run --merge</c>: the merge queue running beside the workers, merging each task as it finishes.</summary>
public static class LiveMerge
{
    /// <summary>The settings for merging a prepared run; refuses a plan whose task branch would be the integration branch.</summary>
    public static MergeSettings SettingsFor(PreparedRun prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var integration = WorkspaceNames.Branch(prepared.RunId, "integration");
        if (prepared.Plan.Tasks.FirstOrDefault(t => prepared.BranchOf(t) == integration) is { } clash)
        {
            throw new UserInputException($"{clash.Position}: task id '{clash.Id}' would use the branch {integration}, which the merge queue needs; rename the task");
        }

        return new MergeSettings { Test = prepared.Plan.MergeTest ?? MergeTestMode.Once };
    }

    public static async Task<MergeReport> RunAsync(RunContext run, IReadOnlyDictionary<string, TaskRuntime> runtimes, MergeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runtimes);
        var setup = new MergeSetup(run.Session, run.Run, settings)
        {
            Tracker = run.Tracker,
            Recorder = run.Recorder,
            Workspaces = run.Workspaces,
            Test = run.Plan.Test,
            Setup = run.Plan.Setup,
            Include = run.Plan.Include,
        };
        var candidates = run.Plan.DependencyOrder
            .Select(id => runtimes[id])
            .Select(r => new MergeCandidate(r.Task.Id, r.Task.Title, r.Task.DependsOn, OutcomeAsync(r)))
            .ToArray();
        try
        {
            await using var held = await RepositoryLock.AcquireAsync(run.Paths.MergeLockFile(run.RunId), cancellationToken);
            return await new MergeRunner(setup).RunAsync(candidates, cancellationToken);
        }
        catch (Exception error) when (error is GitException or UserInputException or IOException or Processes.ProcessFailedException)
        {
            // The run's own outcome must still be journaled; the merge failure is reported with it.
            return new MergeReport(setup.Branch, setup.Worktree)
            {
                NotMerged = candidates.Select(c => (c.TaskId, "the merge queue stopped: " + error.Message)).ToArray(),
                Error = error.Message,
            };
        }
    }

    private static async Task<TaskOutcome> OutcomeAsync(TaskRuntime runtime)
    {
        var state = await runtime.Finished;
        return new TaskOutcome(state, runtime.Workspace?.Branch, runtime.IssueNumber);
    }
}
