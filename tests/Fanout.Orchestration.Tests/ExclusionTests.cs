using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Session;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class ExclusionTests
{
    [Fact]
    public async Task A_task_that_is_not_parallel_runs_its_agent_while_no_other_agent_runs()
    {
        var defaults = """
            agent: edit
            agents:
              edit:
                command: [sh, -c, 'sleep 0.3; echo x > "done-$FANOUT_TASK.txt"']
            """;
        using var harness = await RunHarness.CreateAsync(defaults);
        foreach (var (file, parallel) in new[] { ("001.md", "true"), ("002.md", "false"), ("003.md", "true"), ("004.md", "true") })
        {
            harness.Repository.Write($".claude/epics/e/{file}", $"---\nname: Task {file}\nstatus: open\ndepends_on: []\nparallel: {parallel}\nconflicts_with: []\n---\n\nWrite a file.\n");
        }

        harness.Repository.Write(".claude/epics/e/epic.md", "---\nname: e\nstatus: backlog\n---\n\n# Epic: e\n");
        await using var session = await harness.SessionAsync();
        var prepared = await RunPreparation.PrepareAsync(session, new RunOptions(Path.Combine(harness.Repository.Path, ".claude", "epics", "e")), CancellationToken.None);

        var outcome = await RunLauncher.LaunchAsync(session, prepared, null, CancellationToken.None);

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var run = await harness.LoadAsync(outcome.RunId);
        var alone = run.Tasks.Single(t => t.Id == "002").Phases.Single(p => p.Phase == Phase.Agent);
        foreach (var other in run.Tasks.Where(t => t.Id != "002").Select(t => t.Phases.Single(p => p.Phase == Phase.Agent)))
        {
            (other.EndedAt <= alone.StartedAt || alone.EndedAt <= other.StartedAt).ShouldBeTrue($"{other.StartedAt:O}-{other.EndedAt:O} overlaps {alone.StartedAt:O}-{alone.EndedAt:O}");
        }
    }
}
