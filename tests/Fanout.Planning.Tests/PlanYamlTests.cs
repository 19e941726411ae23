using Fanout.Plans;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Planning.Tests;

public sealed class PlanYamlTests : IDisposable
{
    private readonly TempDirectory _repo = new("plan-yaml");

    [Theory]
    [InlineData("Write the client.\n\nThen its tests: `npm test`.")]
    [InlineData("  starts with spaces")]
    [InlineData("yes")]
    [InlineData("key: value # not a comment\n- not a list")]
    [InlineData("tab\tand \"quotes\" and \\ backslash")]
    public void Whatever_the_planner_writes_reads_back_as_exactly_that(string prompt)
    {
        var task = new PlannedTask("api", "Title: with colon", prompt) { DependsOn = [], Files = ["src/a b.ts"], Acceptance = ["it works: really"] };

        var plan = PlanLoader.LoadText(PlanYaml.Render("n", "goal\nsecond line", "agent: claude\n", [task], DateTimeOffset.UnixEpoch), Path.Combine(_repo.Path, "fanout.yaml"));

        var read = plan.Tasks.Single();
        (read.Id, read.Title, read.Prompt).ShouldBe(("api", "Title: with colon", prompt));
        read.Files.ShouldBe(["src/a b.ts"]);
        read.Acceptance.ShouldBe(["it works: really"]);
    }

    [Fact]
    public void The_defaults_of_the_projects_own_plan_are_kept_as_written_without_its_name_and_tasks()
    {
        _repo.Write("fanout.yaml", "# my plan\nname: mine\nagent: edit\n# the agent\nagents:\n  edit:\n    command: [sh, -c, 'true']\ntasks:\n  - id: old\n    prompt: old task\ntest: make test\n");

        var defaults = PlanningDefaults.Read(_repo.Path, "main");

        defaults.Text.ShouldNotContain("old task");
        defaults.Text.ShouldNotContain("name: mine");
        defaults.Text.ShouldContain("# the agent");
        defaults.Plan.Agent.ShouldBe("edit");
        defaults.Plan.Test!.ToString().ShouldBe("make test");
    }

    [Fact]
    public void Without_a_plan_of_its_own_the_project_gets_the_claude_preset_and_its_own_setup_and_test()
    {
        _repo.Write("package.json", "{}");
        _repo.Write("package-lock.json", "{}");

        var defaults = PlanningDefaults.Read(_repo.Path, "trunk");

        defaults.Plan.Agent.ShouldBe("claude");
        defaults.Plan.Base.ShouldBe("trunk");
        defaults.Plan.Setup!.ToString().ShouldBe("npm ci");
        defaults.Plan.Test!.ToString().ShouldBe("npm test");
    }

    [Fact]
    public void A_plan_name_is_a_slug_of_the_goals_first_words()
    {
        PlanYaml.NameOf("Add a login page, with tests: and more").ShouldBe("add-a-login-page-with");
        PlanYaml.NameOf("!!!").ShouldBe("planned");
    }

    public void Dispose() => _repo.Dispose();
}
