using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>Which plan a command uses when it is given a folder, or nothing.</summary>
public sealed class PlanDiscoveryTests : IDisposable
{
    private const string Contextune = "metadata:\n  name: ctx\ntasks:\n  - id: task-0\n    file: tasks/task-0.md\n";

    private readonly TempDirectory _repository = new("fanout-discovery");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Fanout_yaml_comes_first_then_the_contextune_plan_then_the_one_ccpm_epic()
    {
        WriteEpic("auth");
        PlanDiscovery.Find(_repository.Path, out _).ShouldBe(_repository.Combine(".claude", "epics", "auth", "epic.md"));

        WriteContextune();
        PlanDiscovery.Find(_repository.Path, out _).ShouldBe(_repository.Combine(".parallel", "plans", "plan.yaml"));

        _repository.Write("fanout.yaml", "tasks:\n  - id: a\n    prompt: Do a.\n");
        PlanDiscovery.Find(_repository.Path, out _).ShouldBe(_repository.Combine("fanout.yaml"));
    }

    [Fact]
    public void The_contextune_plans_folder_is_a_plan()
    {
        WriteContextune();

        var plan = PlanLoader.Load(_repository.Combine(".parallel", "plans"));

        (plan.Name, plan.Format).ShouldBe(("ctx", PlanFormat.Contextune));
    }

    [Fact]
    public void The_epics_folder_and_the_repository_are_plans_when_they_hold_one_epic()
    {
        WriteEpic("auth");

        PlanLoader.Load(_repository.Combine(".claude", "epics")).Format.ShouldBe(PlanFormat.Ccpm);
        PlanLoader.Load(_repository.Path).Name.ShouldBe("auth");
    }

    [Fact]
    public void Two_epics_are_not_guessed_between()
    {
        WriteEpic("auth");
        WriteEpic("billing");

        var error = Should.Throw<UserInputException>(() => PlanDiscovery.Discover(_repository.Path));

        error.Message.ShouldContain("2 ccpm epics");
        error.Message.ShouldContain("auth, billing");
    }

    [Fact]
    public void No_plan_says_where_it_looked_and_what_writes_one()
    {
        var error = Should.Throw<UserInputException>(() => PlanDiscovery.Discover(_repository.Path));

        error.Message.ShouldContain("looked for fanout.yaml, .parallel/plans/plan.yaml and a ccpm epic");
        error.Message.ShouldContain("fanout init");
    }

    private void WriteContextune()
    {
        _repository.Write(Path.Combine(".parallel", "plans", "plan.yaml"), Contextune);
        _repository.Write(Path.Combine(".parallel", "plans", "tasks", "task-0.md"), "---\nid: task-0\nstatus: pending\n---\n# Do it\n\nDo the thing.\n");
    }

    private void WriteEpic(string name)
    {
        _repository.Write(Path.Combine(".claude", "epics", name, "epic.md"), $"---\nname: {name}\nstatus: backlog\n---\n# Epic {name}\n");
        _repository.Write(Path.Combine(".claude", "epics", name, "001.md"), "---\nname: First\nstatus: open\n---\n# Task: First\n\nDo the first thing.\n");
    }
}
