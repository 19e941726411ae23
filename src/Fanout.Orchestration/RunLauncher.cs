using System.Threading.Channels;

using Fanout.Agents;
using Fanout.Journal;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Opens the embedded journal and tracker of a prepared run's repository and runs it.</summary>
public static class RunLauncher
{
    public static async Task<RunOutcome> LaunchAsync(PreparedRun prepared, TimeProvider time, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var runner = ProcessRunner.Instance;

        // The tracker first: a GitHub token that does not work stops the run before the journal has it.
        await using var tracker = await TrackerFactory.OpenAsync(prepared.Tracker, prepared.Paths.TrackerFile, time, cancellationToken);
        await using var journal = await SqliteJournal.OpenAsync(prepared.Paths.JournalFile, cancellationToken);
        var context = new RunContext(prepared.RunId, prepared.Plan, prepared.Paths, prepared.BaseRef, prepared.BaseCommit, prepared.Strategy, prepared.MaxParallel)
        {
            Tracker = tracker,
            Workspaces = new WorktreeEngine(prepared.Paths, runner),
            Git = new Git(prepared.Paths.Root, runner),
            Runner = runner,
            Agents = new AgentFactory(runner),
            Recorder = new RunRecorder(journal, time, live),
            PullRequests = prepared.PullRequests,
        };
        return await new Orchestrator(context) { Merge = prepared.Merge }.RunAsync(cancellationToken);
    }
}
