using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class StarterPlanTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_starter_plan_loads_without_errors()
    {
        var plan = _folder.LoadPlan(StarterPlan.Render("shop", "main"));

        (plan.Name, plan.Base, plan.Agent, plan.Tracker).ShouldBe(("shop", "main", "edit", "local"));
        plan.Agents["edit"].Command!.IsShell.ShouldBeFalse();
        plan.Agents["edit"].Command!.Uses("prompt_file").ShouldBeTrue();
        plan.Tasks.Count.ShouldBe(2);
        plan.Tasks[1].DependsOn.ShouldBe([plan.Tasks[0].Id]);
        plan.Tasks.ShouldAllBe(t => t.Prompt.Length > 0 && t.PromptFile == null);
    }

    [Fact]
    public void The_starter_plan_explains_how_commands_get_task_data()
    {
        var text = StarterPlan.Render("shop", "main");

        text.ShouldContain("sh -c");
        text.ShouldContain("FANOUT_*");
        foreach (var placeholder in new[] { "{task}", "{prompt_file}", "{worktree}", "{issue}", "{branch}" })
        {
            text.ShouldContain(placeholder);
        }
    }

    [Theory]
    [InlineData("yes", "release/1.0")]
    [InlineData("a: \"b\" \\ c", "main")]
    [InlineData("123", "feature/#42")]
    public void Keeps_odd_names_and_branches_as_plain_strings(string name, string baseBranch)
    {
        var plan = _folder.LoadPlan(StarterPlan.Render(name, baseBranch));

        (plan.Name, plan.Base).ShouldBe((name, baseBranch));
    }
}
