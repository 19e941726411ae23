using Fanout.Journal;
using Fanout.Orchestration.Merging;
using Fanout.Orchestration.Session;
using Fanout.Plans;

namespace Fanout.Orchestration.Tests;

/// <summary>Runs with the merge queue: <c>run --merge</c> and <c>fanout merge</c>, through the real launchers.</summary>
internal static class MergeRuns
{
    /// <summary>An agent that records what it found in its worktree (seen-TASK.txt) and leaves its own file (done-TASK.txt).</summary>
    public const string LookingAgent = """[sh, -c, 'ls > "seen-$FANOUT_TASK.txt"; echo "$FANOUT_TASK" > "done-$FANOUT_TASK.txt"']""";

    public static async Task<(RunOutcome Outcome, RunSnapshot Run)> RunMergingAsync(this RunHarness harness, MergeTestMode? test = null, int? maxParallel = null)
    {
        await using var session = await harness.SessionAsync();
        var prepared = await harness.PrepareAsync(session, maxParallel: maxParallel);
        var settings = LiveMerge.SettingsFor(prepared);
        prepared = prepared with { Merge = test is { } mode ? settings with { Test = mode } : settings };
        var outcome = await RunLauncher.LaunchAsync(session, prepared, null, CancellationToken.None);
        return (outcome, await harness.LoadAsync(outcome.RunId));
    }

    public static async Task<MergeReport> MergeAsync(this RunHarness harness, MergeRequest? request = null)
    {
        await using var session = await harness.SessionAsync();
        var (_, report) = await MergeLauncher.MergeAsync(session, request ?? new MergeRequest(), null, CancellationToken.None);
        return report;
    }

    public static async Task<RunSnapshot> LoadAsync(this RunHarness harness, string runId)
    {
        await using var journal = await SqliteJournal.OpenAsync(JournalFile(harness), CancellationToken.None);
        return (await journal.LoadRunAsync(runId, CancellationToken.None))!;
    }

    public static async Task<IReadOnlyList<RunEvent>> EventsAsync(this RunHarness harness, string runId)
    {
        await using var journal = await SqliteJournal.OpenAsync(JournalFile(harness), CancellationToken.None);
        return await journal.EventsAsync(runId, CancellationToken.None);
    }

    /// <summary>Task ids in the order the journal recorded them as merged.</summary>
    public static async Task<IReadOnlyList<string>> MergeOrderAsync(this RunHarness harness, string runId) =>
        (await harness.EventsAsync(runId)).OfType<TaskStateChanged>().Where(e => e.State == TaskState.Merged).Select(e => e.TaskId).ToArray();

    public static async Task<IReadOnlyList<string>> FilesAsync(this RunHarness harness, string revision) =>
        (await harness.Repository.GitAsync("ls-tree", "--name-only", revision)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string Integration(string runId) => $"fanout/{runId}/integration";

    private static string JournalFile(RunHarness harness) => Path.Combine(harness.Repository.Path, ".git", "fanout", "journal.db");
}
