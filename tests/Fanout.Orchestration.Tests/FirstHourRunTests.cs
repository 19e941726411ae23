using Fanout.Core;
using Fanout.Journal;
using Fanout.Orchestration.Cleanup;
using Fanout.Orchestration.Merging;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>What a new user meets first: waiting for a slot shown as waiting, an integration worktree set up like a task's, and a clean that cleans.</summary>
public sealed class FirstHourRunTests
{
    private static readonly Dictionary<string, string> IgnoringFiles = new()
    {
        ["README.md"] = "# sample\n",
        [".gitignore"] = ".env\n.setup-ran\n",
    };

    [Fact]
    public async Task Tasks_waiting_for_a_free_slot_are_queued_in_a_phase_of_their_own_that_is_not_setup()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(3, "[sh, -c, 'sleep 0.3; echo done > \"done-$FANOUT_TASK.txt\"']"));

        var (outcome, run) = await harness.RunAsync(maxParallel: 1);

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var queued = run.Tasks.Where(t => t.Phases.Any(p => p.Phase == Phase.Queued)).ToList();
        queued.Count.ShouldBeGreaterThanOrEqualTo(2, "with one slot, the second and third task waited for it");
        queued.ShouldAllBe(t => t.Phases.Where(p => p.Phase == Phase.Queued).All(p => p.EndedAt != null && p.Outcome == PhaseOutcome.Succeeded));
        var events = await harness.EventsAsync(run.Id);
        events.OfType<TaskStateChanged>().Count(e => e.State == TaskState.Queued).ShouldBeGreaterThanOrEqualTo(2);
        Phase.Queued.IsSetup().ShouldBeFalse();
        queued.Sum(t => t.QueuedSeconds(DateTimeOffset.UtcNow)).ShouldBeGreaterThan(0.25, "together they waited at least one agent's sleep");
        foreach (var task in queued)
        {
            var now = DateTimeOffset.UtcNow;
            task.QueuedSeconds(now).ShouldBeGreaterThan(0);
            var setupSpans = task.Phases.Where(p => p.Phase.IsSetup()).Sum(p => (p.EndedAt!.Value - p.StartedAt).TotalSeconds);
            MetricsCalculator.TaskSetupSeconds(task, now).ShouldBeLessThanOrEqualTo(setupSpans + 1e-6, "time in the queue is not the task's setup");
        }
    }

    [Fact]
    public async Task The_integration_worktree_gets_the_include_files_and_the_setup_before_the_merge_test_runs()
    {
        var plan = PlanText.Plan(2, test: "[sh, -c, 'test -f .setup-ran && test -f .env']")
            .Replace("tasks:", "setup: \"touch .setup-ran\"\ninclude: [.env]\ntasks:", StringComparison.Ordinal);
        using var harness = await RunHarness.CreateAsync(plan, IgnoringFiles);
        harness.Repository.Write(".env", "SECRET=1\n");
        var (first, run) = await harness.RunAsync();
        first.ExitCode.ShouldBe(ExitCodes.Success);

        var report = await harness.MergeAsync();

        report.Succeeded.ShouldBeTrue(report.Error);
        report.Tests!.Passed.ShouldBeTrue();
        var events = await harness.EventsAsync(run.Id);
        var preparing = events.OfType<IntegrationPreparing>().ShouldHaveSingleItem();
        preparing.Detail.ShouldBe("touch .setup-ran");
        var prepared = events.OfType<IntegrationPrepared>().ShouldHaveSingleItem();
        prepared.Outcome.ShouldBe(PhaseOutcome.Succeeded);
        prepared.Detail!.ShouldContain("1 include file(s)");
        var order = events.ToList();
        order.IndexOf(prepared).ShouldBeLessThan(order.IndexOf(events.OfType<MergeTested>().Single()));
        (await harness.LoadAsync(run.Id)).IntegrationPreparation!.Outcome.ShouldBe(PhaseOutcome.Succeeded);

        (await harness.MergeAsync()).Succeeded.ShouldBeTrue("a second merge keeps the prepared worktree");
        (await harness.EventsAsync(run.Id)).OfType<IntegrationPreparing>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_setup_that_fails_only_in_the_integration_worktree_stops_the_merge_without_blaming_the_tasks()
    {
        // FANOUT_TASK is empty in the integration worktree: this setup passes for every task and fails there.
        var plan = PlanText.Plan(2, test: "[sh, -c, 'true']").Replace("tasks:", "setup: 'test -n \"$FANOUT_TASK\" || { echo no task here >&2; exit 7; }'\ntasks:", StringComparison.Ordinal);
        using var harness = await RunHarness.CreateAsync(plan);
        var (first, run) = await harness.RunAsync();
        first.ExitCode.ShouldBe(ExitCodes.Success);

        var error = await Should.ThrowAsync<ProcessFailedException>(() => harness.MergeAsync());

        error.ExitCode.ShouldBe(7);
        error.StandardErrorTail.ShouldContain("no task here");
        var prepared = (await harness.EventsAsync(run.Id)).OfType<IntegrationPrepared>().ShouldHaveSingleItem();
        (prepared.Outcome, prepared.ExitCode).ShouldBe((PhaseOutcome.Failed, 7));
        prepared.Detail.ShouldBe("the plan's setup failed in the integration worktree; nothing was merged or tested");
        (await harness.LoadAsync(run.Id)).Tasks.ShouldAllBe(t => t.State == TaskState.Succeeded, "no task is blamed for the integration worktree's setup");
    }

    [Fact]
    public async Task Clean_removes_the_integration_worktree_and_the_branches_landed_with_into()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(2, test: "[sh, -c, 'true']"));
        await harness.Repository.GitAsync("branch", "release");
        var (_, run) = await harness.RunAsync();
        var merged = await harness.MergeAsync(new MergeRequest { Into = "release" });
        merged.Succeeded.ShouldBeTrue(merged.Error);
        var integration = MergeSetup.IntegrationWorktreeOf((await harness.SessionAsync()).Paths, run.Id);
        Directory.Exists(integration).ShouldBeTrue();

        await using var session = await harness.SessionAsync();
        var snapshot = await harness.LoadAsync(run.Id);
        snapshot.LandedInto.ShouldBe(["release"]);
        var reports = await new RunCleaner(session, await session.JournalAsync(CancellationToken.None)).CleanAsync(snapshot, force: false, CancellationToken.None);

        reports.ShouldAllBe(r => !r.Refused, string.Join("\n", reports.Select(r => $"{r.TaskId}: {r.Result.Refused}")));
        Directory.Exists(integration).ShouldBeFalse();
        reports.Single(r => r.TaskId == RunCleaner.Integration).Result.WorktreeRemoved.ShouldBeTrue();
        (await harness.Repository.GitAsync("branch", "--list", $"fanout/{run.Id}/*")).ShouldBeEmpty("the tasks' branches and the integration branch are all in release");
    }

    [Fact]
    public async Task Gc_removes_the_integration_worktree_of_a_finished_run_and_keeps_its_unlanded_branch()
    {
        using var harness = await RunHarness.CreateAsync(PlanText.Plan(1, test: "[sh, -c, 'true']"));
        var (_, run) = await harness.RunAsync();
        (await harness.MergeAsync()).Succeeded.ShouldBeTrue();
        await using var session = await harness.SessionAsync();
        var integration = MergeSetup.IntegrationWorktreeOf(session.Paths, run.Id);

        var report = await new GarbageCollector(session, await session.JournalAsync(CancellationToken.None)).CollectAsync(force: false, CancellationToken.None);

        report.Items.ShouldContain(i => i.Kind == "worktree" && i.Path == integration && i.Action == GcAction.Removed);
        Directory.Exists(integration).ShouldBeFalse();
        (await harness.Repository.GitAsync("branch", "--list", MergeRuns.Integration(run.Id))).ShouldNotBeEmpty("the merge result is kept until it is landed");
    }
}
