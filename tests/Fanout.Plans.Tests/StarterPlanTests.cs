using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class StarterPlanTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_starter_plan_loads_without_errors_and_uses_the_claude_preset()
    {
        var plan = _folder.LoadPlan(StarterPlan.Render("shop", "main"));

        (plan.Name, plan.Base, plan.Agent, plan.Tracker).ShouldBe(("shop", "main", "claude", "local"));
        plan.Agents.ShouldBeEmpty("a preset, not a hand-written command line that points the agent at a file outside its worktree");
        plan.Tasks.Count.ShouldBe(2);
        plan.Tasks[1].DependsOn.ShouldBe([plan.Tasks[0].Id]);
        plan.Tasks.ShouldAllBe(t => t.Prompt.Length > 0 && t.PromptFile == null);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("codex")]
    [InlineData("gemini")]
    [InlineData("aider")]
    public void Each_preset_gives_a_plan_that_loads(string agent)
    {
        var plan = _folder.LoadPlan(StarterPlan.Render("shop", "main", agent: agent));

        plan.Agent.ShouldBe(agent);
    }

    [Fact]
    public void A_detected_project_gives_its_setup_test_and_include_files()
    {
        var project = new ProjectProfile("npm", "npm ci", "npm test", [".env", ".env.local"]);

        var plan = _folder.LoadPlan(StarterPlan.Render("shop", "main", project));

        (plan.Setup?.ToString(), plan.Test?.ToString()).ShouldBe(("npm ci", "npm test"));
        plan.Include.ShouldBe([".env", ".env.local"]);
    }

    [Fact]
    public void The_pool_line_is_written_as_a_setting_only_where_the_plan_reader_knows_the_key()
    {
        var text = StarterPlan.Render("shop", "main");

        text.ShouldContain("pool: auto");
        _folder.LoadPlan(text).Name.ShouldBe("shop");
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
