using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary><c>fanout plan GOAL</c>, <c>run --goal</c> and <c>mcp --print-config</c> through the real CLI, with a plan's own command agent as the planner.</summary>
public sealed class PlanningCommandTests
{
    // A command planner: reads its prompt from stdin (as claude would) and prints one task per line, a second apart.
    private const string Planner = """
        agent: edit
        agents:
          edit:
            command: [sh, -c, 'echo "$FANOUT_TASK" > "done-$FANOUT_TASK.txt"']
          planner:
            command: [sh, -c, 'cat > /dev/null; echo "{\"id\":\"api\",\"title\":\"API\",\"prompt\":\"Write the API\"}"; sleep 1; echo "{\"id\":\"ui\",\"title\":\"UI\",\"prompt\":\"Write the UI\",\"dependsOn\":[\"api\"]}"']
        tasks: []
        """;

    // The same planner for a goal run, which writes its second task only once the first one's agent has
    // run in its own worktree (at most 60 s): what the run did before the plan was done, whatever the load.
    private const string GoalPlanner = """
        agent: edit
        agents:
          edit:
            command: [sh, -c, 'echo "$FANOUT_TASK" > "done-$FANOUT_TASK.txt"']
          planner:
            command: [sh, -c, 'cat > /dev/null; echo "{\"id\":\"api\",\"title\":\"API\",\"prompt\":\"Write the API\"}"; i=0; while [ $i -lt 600 ]; do w=$(git worktree list --porcelain | sed -n "s|^worktree \(.*/api\)$|\1|p"); [ -n "$w" ] && [ -f "$w/done-api.txt" ] && break; i=$((i+1)); sleep 0.1; done; echo "{\"id\":\"ui\",\"title\":\"UI\",\"prompt\":\"Write the UI\",\"dependsOn\":[\"api\"]}"']
        tasks: []
        """;

    [Fact]
    public async Task Plan_goal_writes_a_commented_plan_that_plan_check_passes_keeping_the_projects_defaults()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", Planner);

        var planned = await FanoutCli.RunAsync(repository.Path, "plan", "Add an API and a UI", "--agent", "planner", "--out", "planned.yaml");

        planned.ExitCode.ShouldBe(0, planned.StandardError);
        planned.StandardOutput.ShouldContain("Dependency order: api -> ui");
        var text = File.ReadAllText(Path.Combine(repository.Path, "planned.yaml"));
        text.ShouldStartWith("# Fanout plan written by a planning agent");
        text.ShouldContain("#   Add an API and a UI");
        text.ShouldContain("planner:");
        var check = await FanoutCli.RunAsync(repository.Path, "plan", "check", "planned.yaml");
        check.ExitCode.ShouldBe(0, check.StandardError);
        check.StandardOutput.ShouldContain("Plan add-an-api-and-a: 2 tasks");
    }

    [Fact]
    public async Task Plan_goal_refuses_to_overwrite_a_plan_and_creates_nothing()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", Planner);

        var refused = await FanoutCli.RunAsync(repository.Path, "plan", "Anything", "--agent", "planner");

        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("fanout.yaml already exists; pass --out FILE");
        File.ReadAllText(Path.Combine(repository.Path, "fanout.yaml")).ShouldBe(Planner);
    }

    [Fact]
    public async Task A_planner_that_fails_says_so_in_one_line_with_its_log()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", "agents:\n  planner:\n    command: [sh, -c, 'echo nope >&2; exit 4']\ntasks: []\n");

        var failed = await FanoutCli.RunAsync(repository.Path, "plan", "Anything", "--agent", "planner", "--out", "p.yaml");

        failed.ExitCode.ShouldBe(1);
        failed.StandardError.ShouldContain("fanout: planning: the planner exited with code 4: nope (log: ");
        File.Exists(Path.Combine(repository.Path, "p.yaml")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_goal_starts_each_task_as_it_is_written_and_journals_planning()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", GoalPlanner);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "defaults");

        var ran = await FanoutCli.RunAsync(repository.Path, "run", "--goal", "Add an API and a UI", "--planner", "planner", "--warm", "0", "--json");

        ran.ExitCode.ShouldBe(0, ran.StandardError);
        var kinds = ran.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        static string Kind(JsonElement e) => e.GetProperty("kind").GetString()!;
        kinds.Select(Kind).Take(2).ShouldBe(["runStarted", "planningStarted"]);
        var apiWorkspace = kinds.FindIndex(e => Kind(e) == "phaseEnded" && e.GetProperty("taskId").GetString() == "api" && e.GetProperty("phase").GetString() == "workspace");
        var uiAppeared = kinds.FindIndex(e => Kind(e) == "taskAppeared" && e.GetProperty("taskId").GetString() == "ui");
        apiWorkspace.ShouldBeLessThan(uiAppeared, "api's worktree is made while the planner is still writing");
        kinds.Single(e => Kind(e) == "planningEnded").GetProperty("tasks").GetInt32().ShouldBe(2);
        var status = JsonDocument.Parse((await FanoutCli.RunAsync(repository.Path, "status", "--json")).StandardOutput).RootElement;
        status.GetProperty("run").GetProperty("planning").GetProperty("planner").GetString().ShouldBe("planner");
        status.GetProperty("tasks").EnumerateArray().ShouldAllBe(t => t.GetProperty("appearedAt").ValueKind == JsonValueKind.String);
        var report = await FanoutCli.RunAsync(repository.Path, "report");
        report.StandardOutput.ShouldContain("Planning: planner wrote 2 task(s) in");
        report.StandardOutput.ShouldContain("Planning first and running after would have started the last agent at");
    }

    [Fact]
    public async Task Run_refuses_a_goal_together_with_a_plan()
    {
        using var repository = await GitRepository.CreateAsync();

        var refused = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--goal", "x");

        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("give either PLAN ('fanout.yaml') or --goal, not both");
    }

    [Fact]
    public async Task Mcp_print_config_gives_the_mcp_json_entry_and_the_claude_mcp_add_line()
    {
        using var repository = await GitRepository.CreateAsync();

        var printed = await FanoutCli.RunAsync(repository.Path, "mcp", "--print-config");

        printed.ExitCode.ShouldBe(0, printed.StandardError);
        var json = printed.StandardOutput[printed.StandardOutput.IndexOf('{', StringComparison.Ordinal)..(printed.StandardOutput.LastIndexOf('}') + 1)];
        var server = JsonDocument.Parse(json).RootElement.GetProperty("mcpServers").GetProperty("fanout");
        server.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ShouldBe([FanoutCli.Dll, "mcp", "--repo", repository.Path]);
        printed.StandardOutput.ShouldContain($"claude mcp add --scope project fanout -- {server.GetProperty("command").GetString()} {FanoutCli.Dll} mcp --repo {repository.Path}");
    }

    [Fact]
    public async Task Answering_a_task_that_waits_for_nothing_is_refused_in_one_line()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(1));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);

        var refused = await FanoutCli.RunAsync(repository.Path, "answer", "task-1", "yes");

        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("task 'task-1' of run");
        refused.StandardError.ShouldContain("is not waiting for an answer");
    }

    [Fact]
    public async Task Progress_outside_a_task_says_what_it_needs()
    {
        using var repository = await GitRepository.CreateAsync();

        var refused = await FanoutCli.RunAsync(repository.Path, new Dictionary<string, string?> { ["FANOUT_TASK"] = null }, "progress", "half way");

        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("no task: give --task, or run this from a task's agent");
    }
}
