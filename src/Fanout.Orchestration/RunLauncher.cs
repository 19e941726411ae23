using System.Threading.Channels;

using Fanout.Agents;
using Fanout.Journal;
using Fanout.Processes;
using Fanout.Trackers;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>Opens the embedded journal and tracker of a prepared run's repository and runs it.</summary>
public static class RunLauncher
{
    public static async Task<RunOutcome> LaunchAsync(PreparedRun prepared, TimeProvider time, ChannelWriter<RunEvent>? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var runner = ProcessRunner.Instance;
        await using var journal = await SqliteJournal.OpenAsync(prepared.Paths.JournalFile, cancellationToken);
        await using var tracker = await LocalTracker.OpenAsync(prepared.Paths.TrackerFile, time, cancellationToken);
        var context = new RunContext(prepared.RunId, prepared.Plan, prepared.Paths, prepared.BaseRef, prepared.BaseCommit, prepared.Strategy, prepared.MaxParallel)
        {
            Tracker = tracker,
            Workspaces = new WorktreeEngine(prepared.Paths, runner),
            Git = new Git(prepared.Paths.Root, runner),
            Runner = runner,
            Agents = new AgentFactory(runner),
            Recorder = new RunRecorder(journal, time, live),
        };
        return await new Orchestrator(context) { Merge = prepared.Merge }.RunAsync(cancellationToken);
    }
}
