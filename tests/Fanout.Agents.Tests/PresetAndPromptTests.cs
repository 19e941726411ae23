using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

public sealed class PresetAndPromptTests
{
    [Fact]
    public void Every_built_in_agent_has_a_preset_class_with_an_install_hint()
    {
        AgentPresets.Names.Order(StringComparer.Ordinal).ShouldBe(BuiltInAgents.Names.Order(StringComparer.Ordinal));
        AgentPresets.All.ShouldAllBe(p => p.InstallHint.Length > 0 && p.Program == p.Name);
        BuiltInAgents.Options.Keys.Order(StringComparer.Ordinal).ShouldBe(BuiltInAgents.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_task_without_its_own_agent_gets_the_plans_default_preset()
    {
        var task = new PlanTask("api", "Add the API", "Write it", new SourcePosition("fanout.yaml", 3, 5));
        var plan = new Plan("p", "fanout.yaml", PlanFormat.Fanout, [task]) { Agent = "codex" };

        var agent = new AgentFactory(ProcessRunner.Instance).Create(plan.Resolved().SettingsOf(task));

        agent.Name.ShouldBe("codex");
    }

    [Fact]
    public void The_prompt_carries_the_task_the_branch_the_issue_and_how_it_is_judged()
    {
        var task = new PlanTask("api", "Add the API client", "Write src/api/client.ts", new SourcePosition("fanout.yaml", 3, 5));

        var prompt = PromptComposer.Compose(task, new PromptContext("r1", "fanout/r1/api", "main", "/w/api") { Issue = 4, TestCommand = "npm test" });

        prompt.ShouldStartWith("# Add the API client");
        prompt.ShouldContain("Write src/api/client.ts");
        prompt.ShouldContain("fanout/r1/api");
        prompt.ShouldContain("issue #4");
        prompt.ShouldContain("`npm test` passes");
    }

    [Fact]
    public void The_prompt_has_the_preamble_first_then_acceptance_criteria_files_and_the_issue_link()
    {
        var task = new PlanTask("api", "Add the API client", "Write the client.", new SourcePosition("fanout.yaml", 3, 5))
        {
            Acceptance = ["GET /users returns a list", "errors are typed"],
            Files = ["src/api/client.ts"],
        };
        var context = new PromptContext("r1", "fanout/r1/api", "main", "/w/api")
        {
            Issue = 4,
            IssueUrl = "https://github.com/o/r/issues/4",
            Preamble = "This repository uses pnpm.",
        };

        var prompt = PromptComposer.Compose(task, context);

        prompt.ShouldStartWith("This repository uses pnpm.");
        prompt.IndexOf("# Add the API client", StringComparison.Ordinal).ShouldBeGreaterThan(0);
        prompt.ShouldContain("## Acceptance criteria\n\n- GET /users returns a list\n- errors are typed\n");
        prompt.ShouldContain("## Files to touch\n\n- `src/api/client.ts`\n");
        prompt.ShouldContain("issue #4 (https://github.com/o/r/issues/4)");
        prompt.ShouldContain("from `main`");
    }

    [Fact]
    public void The_prompt_of_a_sparse_worktree_names_the_folders_it_holds_and_says_the_rest_exists()
    {
        var task = new PlanTask("api", "Add the API client", "Write the client.", new SourcePosition("fanout.yaml", 3, 5));

        var sparse = PromptComposer.Compose(task, new PromptContext("r1", "fanout/r1/api", "main", "/w/api") { Sparse = ["src/api", "docs"] });
        var whole = PromptComposer.Compose(task, new PromptContext("r1", "fanout/r1/api", "main", "/w/api"));

        sparse.ShouldContain("The worktree is a sparse checkout: it holds only `src/api/`, `docs/` and the files at the top of the repository. Other paths exist in the repository but are not checked out");
        whole.ShouldNotContain("sparse");
    }
}
