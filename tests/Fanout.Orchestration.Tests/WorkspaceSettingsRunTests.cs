using Fanout.Core;
using Fanout.Journal;
using Fanout.Plans;
using Fanout.TestSupport;
using Fanout.Workspaces;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>What a plan's pool: and sparse: do to a real run.</summary>
public sealed class WorkspaceSettingsRunTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["README.md"] = "# sample\n",
        ["src/api/client.ts"] = "export {}\n",
        ["src/web/page.ts"] = "export {}\n",
        ["docs/guide.md"] = "guide\n",
    };

    // Writes the prompt's sparse line and what the worktree holds into the work it delivers.
    private const string Agent = """[sh, -c, 'grep -h "sparse checkout" "$FANOUT_PROMPT_FILE" > seen.txt; ls -a src >> seen.txt 2>&1; ls docs >> seen.txt 2>&1; echo "$FANOUT_TASK" > "done-$FANOUT_TASK.txt"']""";

    [Fact]
    public async Task Pool_auto_leaves_a_pool_the_size_of_the_run_that_the_next_run_claims_from()
    {
        using var harness = await RunHarness.CreateAsync("pool: auto\n" + PlanText.Plan(3), Files);

        var (first, firstRun) = await harness.RunAsync();
        await using (var session = await harness.SessionAsync())
        {
            (await session.Pool.PooledAsync(CancellationToken.None)).Count.ShouldBe(3);
            session.Pool.Settings.Target.ShouldBe(3);
        }

        var (second, secondRun) = await harness.RunAsync();

        first.ExitCode.ShouldBe(ExitCodes.Success);
        second.ExitCode.ShouldBe(ExitCodes.Success);
        Logs(harness, firstRun).ShouldAllBe(log => log.Contains("worktree added"));
        Logs(harness, secondRun).ShouldAllBe(log => log.Contains("worktree from the pool"));
    }

    [Fact]
    public async Task Pool_off_adds_every_worktree_fresh_even_with_a_warm_pool()
    {
        using var harness = await RunHarness.CreateAsync("pool: off\n" + PlanText.Plan(2), Files);
        await using (var session = await harness.SessionAsync())
        {
            var head = await session.Git.TryResolveCommitAsync("HEAD", CancellationToken.None);
            await session.Pool.WarmAsync(new PoolSettings(2, "main", PoolSettings.DefaultMaxDiskMB), head!, CancellationToken.None);
        }

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        Logs(harness, run).ShouldAllBe(log => log.Contains("worktree added"));
        await using var after = await harness.SessionAsync();
        (await after.Pool.PooledAsync(CancellationToken.None)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_sparse_task_gets_only_its_folders_and_its_agent_is_told_which()
    {
        var plan = "sparse: [docs]\n" + PlanText.Plan(1, Agent, taskExtra: _ => "    files: [src/api/client.ts]");
        using var harness = await RunHarness.CreateAsync(plan, Files);

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var seen = await harness.Repository.GitAsync("show", $"{run.Tasks[0].Branch}:seen.txt");
        seen.ShouldContain("it holds only `docs/`, `src/api/` and the files at the top of the repository");
        seen.ShouldContain("api");
        seen.ShouldNotContain("web");
        seen.ShouldContain("guide.md");
    }

    [Fact]
    public void Pool_auto_refills_to_the_tasks_that_take_a_full_checkout_within_a_quarter_of_the_free_space()
    {
        var plan = new Plan("p", "fanout.yaml", PlanFormat.Fanout, [Task("a"), Task("b", files: ["src/x.ts"]), Task("c")])
        {
            Pool = PoolMode.Auto,
            Sparse = new SparsePlan([]),
        }.Resolved();

        var settings = AutoPool.For(plan, "main", PoolSettings.Empty, freeBytes: 400L * 1024 * 1024);

        settings.Target.ShouldBe(2, "the sparse task never claims from the pool");
        settings.Base.ShouldBe("main");
        settings.MaxDiskMB.ShouldBe(100);
        AutoPool.For(plan, "main", PoolSettings.Empty, freeBytes: null).MaxDiskMB.ShouldBe(PoolSettings.DefaultMaxDiskMB);
    }

    private static PlanTask Task(string id, IReadOnlyList<string>? files = null) =>
        new(id, id, "Do it.", new SourcePosition("fanout.yaml", 1, 1)) { Files = files ?? [] };

    private static IEnumerable<string> Logs(RunHarness harness, RunSnapshot run) =>
        run.Tasks.Select(t => File.ReadAllText(Path.Combine(harness.Repository.Path, ".git", "fanout", "runs", run.Id, "logs", t.Id + ".log")));
}
