using Fanout.Journal;

namespace Fanout.Cli.Tests.Durability;

/// <summary>A moment to kill fanout at, read from its journal as it runs, and how long after it to strike.</summary>
internal sealed record CrashMoment(string Name, Func<IReadOnlyList<RunEvent>, bool> Holds, int Delay);

internal static class CrashMoments
{
    public const string InsideIssueCreation = "inside an issue creation";
    public const string InsideWorktreeCreation = "inside a worktree creation";

    public static CrashMoment InAgent { get; } = new("while an agent runs", events => Open<ProcessStarted, ProcessExited>(events, s => s.Pid, e => e.Pid), 0);

    /// <summary>One of each phase of the lifecycle, and the first event.</summary>
    public static IEnumerable<CrashMoment> Named() =>
    [
        new("right after the run started", events => events.OfType<RunStarted>().Any(), 0),
        new(InsideIssueCreation, events => events.OfType<IssueIntended>().Count() > events.OfType<TaskLinked>().Count(l => l.Issue is not null), 0),
        new(InsideWorktreeCreation, events => events.OfType<WorkspaceIntended>().Count() > events.OfType<TaskLinked>().Count(l => l.Branch is not null), 0),
        InAgent,
        new("in a verify", events => OpenPhase(events, Phase.Verify), 0),
        new("in a delivery", events => OpenPhase(events, Phase.Deliver), 0),
        new("waiting for a dependency", events => OpenPhase(events, Phase.Wait), 0),
        new("after some tasks succeeded", events => events.OfType<TaskStateChanged>().Count(e => e.State == TaskState.Succeeded) >= 3, 0),
    ];

    public static CrashMoment AfterEvents(int count, int delayMs) => new($"after {count} events + {delayMs} ms", events => events.Count >= count, delayMs);

    private static bool OpenPhase(IReadOnlyList<RunEvent> events, Phase phase) =>
        Open<PhaseStarted, PhaseEnded>(events.Where(e => e is PhaseStarted { } s && s.Phase == phase || e is PhaseEnded { } n && n.Phase == phase), s => s.TaskId, e => e.TaskId);

    private static bool Open<TStart, TEnd>(IEnumerable<RunEvent> events, Func<TStart, object> startKey, Func<TEnd, object> endKey)
    {
        var open = new HashSet<object>();
        foreach (var e in events)
        {
            if (e is TStart start)
            {
                open.Add(startKey(start));
            }
            else if (e is TEnd end)
            {
                open.Remove(endKey(end));
            }
        }

        return open.Count > 0;
    }
}

/// <summary>What the crash trials found, for the assertions and for the closing figures.</summary>
internal sealed class CrashTally
{
    private readonly List<string> _problems = [];
    private readonly List<string> _missed = [];

    public int Hits { get; private set; }

    public int Commits { get; private set; }

    public int Duplicates { get; private set; }

    public int LostCommits { get; private set; }

    public int Orphans { get; private set; }

    public IReadOnlyList<string> Problems => _problems;

    public IReadOnlyList<string> Missed => _missed;

    public void Miss(string moment) => _missed.Add(moment);

    public void Hit(string moment, int killedExit, int commits, int duplicates, int lost, int orphans, IEnumerable<string> problems)
    {
        Hits++;
        Commits += commits;
        Duplicates += duplicates;
        LostCommits += lost;
        Orphans += orphans;
        _problems.AddRange(problems);
        if (killedExit != 137)
        {
            _problems.Add($"[{moment}] the killed fanout exited {killedExit}, not 137 (SIGKILL)");
        }
    }

    public string Summary(string tracker) =>
        $"crash trials ({tracker}): {Hits} kill points hit, {_missed.Count} missed ({string.Join("; ", _missed)}); {Commits} commits made before the kills, {LostCommits} lost; {Duplicates} duplicate issues; {Orphans} orphan processes; {_problems.Count} problems";
}
