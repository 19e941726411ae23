using Fanout.Journal;
using Fanout.Reporting.Dashboard;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

using Spectre.Console.Testing;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed class DashboardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RunInfo Info = new("login-overhaul", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 20);

    [Fact]
    public void A_row_shows_issue_branch_phase_time_in_phase_agent_activity_and_state()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new TaskRegistered("r1", T0, "api", "API", []),
            new TaskStateChanged("r1", T0, "api", TaskState.Provisioning),
            new PhaseStarted("r1", T0.AddSeconds(1), "api", Phase.Workspace),
            new TaskLinked("r1", T0.AddSeconds(1), "api", Issue: 7),
            new TaskLinked("r1", T0.AddSeconds(2), "api", Branch: "fanout/r1/api", Worktree: "/wt/api"),
            new PhaseEnded("r1", T0.AddSeconds(2), "api", Phase.Workspace, PhaseOutcome.Succeeded),
            new PhaseStarted("r1", T0.AddSeconds(2), "api", Phase.Agent),
            new TaskStateChanged("r1", T0.AddSeconds(2), "api", TaskState.Running),
            new AgentActivity("r1", T0.AddSeconds(3), "api", "tool", "Edit src/api.ts"),
            new AgentActivity("r1", T0.AddSeconds(3), "api", "turn", "3"),
            new AgentActivity("r1", T0.AddSeconds(4), "api", "cost", "$0.0123"));

        var lines = Draw(model, T0.AddSeconds(6.5), width: 160, height: 30);

        var row = lines.Single(l => l.Contains("api", StringComparison.Ordinal) && l.Contains("#7", StringComparison.Ordinal));
        row.ShouldContain("fanout/r1/api");
        row.ShouldContain("agent");
        row.ShouldContain("4.5 s");
        row.ShouldContain("Edit src/api.ts · 3 turns · $0.0123");
        row.ShouldContain("running");
        lines[0].ShouldContain("run r1");
        lines[1].ShouldContain("1 running");
        lines[0].ShouldContain("elapsed 6.5 s");
        lines[0].ShouldContain("setup 2.0 s");
    }

    [Fact]
    public void A_failure_shows_its_phase_and_the_first_line_of_the_failing_commands_stderr()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new TaskRegistered("r1", T0, "ui", "UI", []),
            new PhaseStarted("r1", T0, "ui", Phase.Environment),
            new PhaseEnded("r1", T0.AddSeconds(1), "ui", Phase.Environment, PhaseOutcome.Failed),
            new TaskFailed("r1", T0.AddSeconds(1), "ui", Phase.Environment, "setup exited with code 3\nnpm ERR! many more lines", "npm ci", 3, "npm ERR!"),
            new TaskStateChanged("r1", T0.AddSeconds(1), "ui", TaskState.Failed));

        var lines = Draw(model, T0.AddSeconds(2), width: 160, height: 30);

        var row = lines.Single(l => l.Contains("ui ", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        row.ShouldContain("environment");
        row.ShouldContain("npm ERR!");
        string.Join("\n", lines).ShouldNotContain("many more lines");
        lines[1].ShouldContain("1 failed");
    }

    [Fact]
    public void A_task_that_failed_in_setup_ends_the_setup_where_status_ends_it()
    {
        var run = Fold(
            new RunStarted("r1", T0, Info),
            new TaskRegistered("r1", T0, "api", "API", []),
            new TaskRegistered("r1", T0, "ui", "UI", []),
            new PhaseStarted("r1", T0, "api", Phase.Workspace),
            new PhaseStarted("r1", T0, "ui", Phase.Environment),
            new PhaseEnded("r1", T0.AddSeconds(2), "api", Phase.Workspace, PhaseOutcome.Succeeded),
            new PhaseStarted("r1", T0.AddSeconds(2), "api", Phase.Agent),
            new PhaseEnded("r1", T0.AddSeconds(12), "ui", Phase.Environment, PhaseOutcome.Failed),
            new TaskStateChanged("r1", T0.AddSeconds(12), "ui", TaskState.Failed, "environment: setup exited with code 1"))!;

        var lines = Draw(run, T0.AddSeconds(20), width: 160, height: 30);

        StatusBuilder.Build(run, T0.AddSeconds(20)).Run.Metrics.SetupSeconds.ShouldBe(12);
        lines[0].ShouldEndWith("setup 12.0 s");
    }

    [Fact]
    public void A_task_still_short_of_its_agent_keeps_the_setup_growing_as_in_status()
    {
        // ui has not started: no slot was free for it yet.
        var run = Fold(
            new RunStarted("r1", T0, Info),
            new TaskRegistered("r1", T0, "api", "API", []),
            new TaskRegistered("r1", T0, "ui", "UI", []),
            new PhaseStarted("r1", T0, "api", Phase.Workspace),
            new PhaseEnded("r1", T0.AddSeconds(2), "api", Phase.Workspace, PhaseOutcome.Succeeded),
            new PhaseStarted("r1", T0.AddSeconds(2), "api", Phase.Agent))!;

        var lines = Draw(run, T0.AddSeconds(9), width: 160, height: 30);

        StatusBuilder.Build(run, T0.AddSeconds(9)).Run.Metrics.SetupSeconds.ShouldBe(9);
        lines[0].ShouldEndWith("setup 9.0 s…");
    }

    [Fact]
    public void More_tasks_than_rows_shows_failing_and_running_first_and_counts_the_rest()
    {
        var events = new List<RunEvent> { new RunStarted("r1", T0, Info) };
        for (var i = 1; i <= 40; i++)
        {
            events.Add(new TaskRegistered("r1", T0, $"task-{i:00}", "t", []));
            events.Add(new TaskStateChanged("r1", T0, $"task-{i:00}", i <= 30 ? TaskState.Succeeded : TaskState.Pending));
        }

        events.Add(new TaskStateChanged("r1", T0.AddSeconds(1), "task-37", TaskState.Running));
        events.Add(new TaskFailed("r1", T0.AddSeconds(1), "task-39", Phase.Verify, "tests failed"));
        events.Add(new TaskStateChanged("r1", T0.AddSeconds(1), "task-39", TaskState.Failed));

        var lines = Draw(Fold([.. events]), T0.AddSeconds(2), width: 140, height: 16);

        lines.Count.ShouldBeLessThanOrEqualTo(16);
        var rows = lines.Where(l => l.Contains("task-", StringComparison.Ordinal)).ToList();
        rows[0].ShouldContain("task-39");
        rows[1].ShouldContain("task-37");
        rows.Count.ShouldBe(16 - DashboardView.FixedLines);
        lines.ShouldContain(l => l.StartsWith($"+{40 - rows.Count} more (", StringComparison.Ordinal));
        string.Join("\n", lines).ShouldContain("succeeded)");
    }

    [Fact]
    public void Every_task_fits_on_one_line_however_long_its_branch_and_activity()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new TaskLinked("r1", T0, "a", Branch: "fanout/r1/" + new string('b', 120)),
            new AgentActivity("r1", T0, "a", "text", new string('x', 300)));

        var lines = Draw(model, T0, width: 100, height: 30);

        lines.Count(l => l.Contains("fanout/r1/", StringComparison.Ordinal)).ShouldBe(1);
        lines.ShouldAllBe(l => l.Length <= 100);
        lines.ShouldContain(l => l.Contains('…'));
    }

    [Fact]
    public async Task The_renderer_redraws_in_place_on_its_clock_and_leaves_the_final_frame()
    {
        var time = new FakeTimeProvider(T0);
        using var console = new TestConsole().Width(120).Height(30).EmitAnsiSequences();
        console.Profile.Capabilities.Interactive = true;
        var renderer = new DashboardRenderer(console, time, TimeSpan.FromMilliseconds(250));

        renderer.Render(new RunStarted("r1", T0, Info));
        renderer.Render(new TaskRegistered("r1", T0, "api", "API", []));
        renderer.Render(new PhaseStarted("r1", T0, "api", Phase.Workspace));
        time.Advance(TimeSpan.FromSeconds(1));
        renderer.Render(new TaskStateChanged("r1", time.GetUtcNow(), "api", TaskState.Succeeded));
        renderer.Render(new RunFinished("r1", time.GetUtcNow(), RunState.Succeeded, 0));
        time.Advance(TimeSpan.FromSeconds(1));
        await renderer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        var output = console.Output;
        output.ShouldContain("run r1 succeeded");
        output.ShouldContain("api");
        output.ShouldNotContain("\u001b[2J", customMessage: "no whole-screen clears: frames overwrite the previous one");
        output.ShouldContain("\u001b[");
    }

    [Fact]
    public void A_failure_without_stderr_shows_the_first_line_of_its_message()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new TaskFailed("r1", T0.AddSeconds(1), "ui", Phase.Verify, "gate: commits: no changes\nmore"),
            new TaskStateChanged("r1", T0.AddSeconds(1), "ui", TaskState.Failed));

        var row = Draw(model, T0.AddSeconds(2), width: 160, height: 30).Single(l => l.Contains("ui ", StringComparison.Ordinal));

        row.ShouldContain("verify");
        row.ShouldContain("gate: commits: no changes");
    }

    [Fact]
    public void A_command_agent_shows_its_last_output_line()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new PhaseStarted("r1", T0, "api", Phase.Agent),
            new TaskStateChanged("r1", T0, "api", TaskState.Running),
            new AgentActivity("r1", T0.AddSeconds(1), "api", "output", "editing lib/slugify.sh"));

        var row = Draw(model, T0.AddSeconds(2), width: 160, height: 30).Single(l => l.Contains("api", StringComparison.Ordinal) && l.Contains("running", StringComparison.Ordinal));

        row.ShouldContain("editing lib/slugify.sh");
        row.ShouldNotContain("output:");
    }

    [Fact]
    public void Finished_tasks_read_their_state_not_their_last_phase()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new PhaseStarted("r1", T0, "api", Phase.Deliver),
            new PhaseEnded("r1", T0.AddSeconds(1), "api", Phase.Deliver, PhaseOutcome.Succeeded),
            new TaskStateChanged("r1", T0.AddSeconds(1), "api", TaskState.Succeeded));

        var row = Draw(model, T0.AddSeconds(2), width: 160, height: 30).Single(l => l.Contains("api", StringComparison.Ordinal));

        row.ShouldNotContain("deliver");
        row.Split('│', StringSplitOptions.TrimEntries).Count(c => c == "succeeded").ShouldBe(2, "the PHASE and STATE columns");
    }

    [Fact]
    public void Tasks_waiting_for_a_slot_read_queued_and_those_waiting_for_dependencies_read_waiting()
    {
        var model = Fold(
            new RunStarted("r1", T0, Info),
            new TaskStateChanged("r1", T0, "late", TaskState.Queued, "waiting for a free slot (maxParallel)"),
            new PhaseStarted("r1", T0, "late", Phase.Queued),
            new TaskStateChanged("r1", T0, "child", TaskState.Preparing),
            new PhaseStarted("r1", T0, "child", Phase.Wait, "parent"));

        var lines = Draw(model, T0.AddSeconds(42), width: 160, height: 30);

        var late = lines.Single(l => l.Contains("late", StringComparison.Ordinal));
        late.ShouldContain("queued");
        late.ShouldContain("42.0 s");
        lines.Single(l => l.Contains("child", StringComparison.Ordinal)).ShouldContain("waiting");
        lines[1].ShouldContain("1 queued");
    }

    private static RunSnapshot? Fold(params RunEvent[] events)
    {
        var fold = new RunFold();
        foreach (var runEvent in events)
        {
            fold.Apply(runEvent);
        }

        return fold.Snapshot;
    }

    private static List<string> Draw(RunSnapshot? run, DateTimeOffset now, int width, int height)
    {
        using var console = new TestConsole().Width(width).Height(height);
        console.Write(DashboardView.Build(run, now, width, height));
        return [.. console.Lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0)];
    }
}
