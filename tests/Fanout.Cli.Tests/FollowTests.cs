using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary><c>status --watch</c> and <c>logs -f</c> follow a run that another fanout process is running.</summary>
public sealed class FollowTests
{
    [Fact]
    public async Task Status_watch_and_logs_follow_a_run_from_another_process_until_it_ends()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2, """[sh, -c, 'echo "first of $FANOUT_TASK"; sleep 2; echo "last of $FANOUT_TASK"; echo x > "f-$FANOUT_TASK"']"""));
        var run = FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml");
        await WaitForRunAsync(repository.Path, run);

        var watch = FanoutCli.RunAsync(repository.Path, "status", "--watch", "--json");
        var logs = FanoutCli.RunAsync(repository.Path, "logs", "task-1", "-f");
        var plain = FanoutCli.RunAsync(repository.Path, "status", "--watch");
        (await run).ExitCode.ShouldBe(0);

        var watched = await watch;
        watched.ExitCode.ShouldBe(0, watched.StandardError);
        var lines = watched.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.ShouldAllBe(l => l.GetProperty("schema").GetString() == "fanout.event/1");
        lines[0].GetProperty("kind").GetString().ShouldBe("runStarted");
        lines[^1].GetProperty("kind").GetString().ShouldBe("runFinished");
        lines.Count(l => l.GetProperty("kind").GetString() == "phaseStarted").ShouldBeGreaterThanOrEqualTo(2 * 4);
        var followed = await logs;
        followed.ExitCode.ShouldBe(0, followed.StandardError);
        followed.StandardOutput.ShouldContain("first of task-1");
        followed.StandardOutput.ShouldContain("last of task-1");
        var summary = await plain;
        summary.ExitCode.ShouldBe(0, summary.StandardError);
        summary.StandardOutput.ShouldContain("task-2               agent       succeeded");
        summary.StandardOutput.ShouldContain("2/2 tasks succeeded");
    }

    [Fact]
    public async Task Watching_a_run_that_failed_exits_with_its_exit_code()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(1, "[sh, -c, 'echo broken >&2; exit 3']"));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(1);

        var watch = await FanoutCli.RunAsync(repository.Path, "status", "--watch");

        watch.ExitCode.ShouldBe(1);
        watch.StandardOutput.ShouldContain("task-1: failed in agent");
    }

    // The watchers need the run to exist; a bounded wait, not a timing assertion.
    private static async Task WaitForRunAsync(string repository, Task run)
    {
        for (var i = 0; i < 600 && !run.IsCompleted; i++)
        {
            if ((await FanoutCli.RunAsync(repository, "status", "--json")).ExitCode == 0)
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
