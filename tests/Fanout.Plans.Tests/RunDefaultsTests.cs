using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class RunDefaultsTests : IDisposable
{
    private readonly TempDirectory _repository = new("fanout-plans");

    public RunDefaultsTests() => Fixtures.CopyTo("contextune", _repository);

    public void Dispose() => _repository.Dispose();

    private string PlanFile => _repository.Combine(".parallel", "plans", "plan.yaml");

    [Fact]
    public void A_fanout_yaml_beside_parallel_gives_a_contextune_plan_its_run_defaults()
    {
        _repository.Write("fanout.yaml", """
            agent: edit
            agents:
              edit:
                command: [sh, agent.sh, "{task}"]
            setup: npm ci
            test: [npm, test]
            maxParallel: 2
            """);

        var plan = PlanLoader.Load(PlanFile);

        plan.Format.ShouldBe(PlanFormat.Contextune);
        plan.Agent.ShouldBe("edit");
        plan.Agents["edit"].Command!.Argv.ShouldBe(["sh", "agent.sh", "{task}"]);
        plan.Setup!.Shell.ShouldBe("npm ci");
        plan.Test!.Argv.ShouldBe(["npm", "test"]);
        plan.MaxParallel.ShouldBe(2);
        plan.Tasks.Select(t => t.Id).ShouldBe(["task-0", "task-1", "task-2"]);
    }

    [Fact]
    public void The_defaults_file_sets_the_pool_and_sparse_worktrees_of_a_contextune_plan()
    {
        _repository.Write("fanout.yaml", "pool: auto\nsparse: [src]\n");

        var plan = PlanLoader.Load(PlanFile);

        plan.Pool.ShouldBe(PoolMode.Auto);
        plan.Tasks.ShouldAllBe(t => plan.SettingsOf(t).Sparse != null && plan.SettingsOf(t).Sparse!.Contains("src"));
    }

    [Fact]
    public void The_agent_flag_still_wins_over_the_defaults()
    {
        _repository.Write("fanout.yaml", "agent: claude\n");

        PlanLoader.Load(PlanFile, new PlanLoadOptions { AgentOverride = "codex" }).Agent.ShouldBe("codex");
    }

    [Fact]
    public void A_mistake_in_the_defaults_file_points_into_that_file()
    {
        _repository.Write("fanout.yaml", "agent: edit\nagnets: {}\n");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile));

        error.Problems.ShouldContain(e => e.Position!.File.EndsWith("fanout.yaml", StringComparison.Ordinal) && e.Position!.Line == 2 && e.Message.Contains("agents", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fanout_yaml_with_only_run_defaults_loads_as_defaults()
    {
        var file = _repository.Write("fanout.yaml", "tracker: github\ngithub: {repo: octo/demo}\n");

        var plan = PlanLoader.LoadDefaults(file);

        plan.Tracker.ShouldBe("github");
        plan.Tasks.ShouldBeEmpty();
        Should.Throw<UserInputException>(() => PlanLoader.Load(file));
    }
}
