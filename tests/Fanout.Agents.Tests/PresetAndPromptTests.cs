using Fanout.Plans;
using Fanout.Processes;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

public sealed class PresetAndPromptTests
{
    [Theory]
    [InlineData("claude", "claude -p")]
    [InlineData("codex", "codex exec --json")]
    [InlineData("gemini", "gemini --yolo -p")]
    [InlineData("aider", "aider --yes-always --message-file")]
    public void Every_built_in_agent_has_a_non_interactive_preset(string preset, string expectedStart)
    {
        BuiltInAgents.Names.ShouldContain(preset);
        AgentPresets.Command(preset).ToString().ShouldStartWith(expectedStart);
    }

    [Fact]
    public void A_task_without_its_own_agent_gets_the_plans_default_preset()
    {
        var task = new PlanTask("api", "Add the API", "Write it", new SourcePosition("fanout.yaml", 3, 5));
        var plan = new Plan("p", "fanout.yaml", PlanFormat.Fanout, [task]) { Agent = "codex" };

        var agent = new AgentFactory(ProcessRunner.Instance).Create(plan, task);

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
}
