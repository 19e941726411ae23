using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class AgentErrorTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rejects_an_unknown_default_agent_and_lists_the_presets()
    {
        _folder.LoadErrors("""
            agent: foo
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(1, 8, "unknown agent 'foo'; define it under 'agents:' or use a preset: aider, claude, codex, gemini");
    }

    [Fact]
    public void Rejects_an_unknown_task_agent_and_lists_the_defined_ones()
    {
        _folder.LoadErrors("""
            agents:
              edit:
                command: [./agent.sh]
            tasks:
              - id: a
                prompt: Do it.
                agent: robot
            """).ShouldBeSingle(7, 12, "unknown agent 'robot' in task 'a'; define it under 'agents:' (defined: edit) or use a preset: aider, claude, codex, gemini");
    }

    [Fact]
    public void Suggests_the_preset_a_misspelt_agent_name_is_close_to()
    {
        _folder.LoadErrors("""
            agent: cluade
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(1, 8, "unknown agent 'cluade'; did you mean 'claude'?");
    }

    [Fact]
    public void Rejects_an_unknown_agent_override_at_the_start_of_the_plan()
    {
        _folder.LoadErrors(
            """
            tasks:
              - id: a
                prompt: Do it.
            """,
            new PlanLoadOptions { AgentOverride = "robot" })
            .ShouldBeSingle(1, 1, "unknown agent 'robot' (given to override the plan's agent); define it under 'agents:' or use a preset: aider, claude, codex, gemini");
    }

    [Fact]
    public void Checks_agents_against_the_presets_it_is_given()
    {
        var options = new PlanLoadOptions { KnownPresets = new HashSet<string> { "local-llm" } };
        _folder.LoadErrors(
            """
            agent: local-llm
            tasks:
              - id: a
                prompt: Do it.
                agent: claude
            """,
            options).ShouldBeSingle(5, 12, "unknown agent 'claude' in task 'a'; define it under 'agents:' or use a preset: local-llm");
    }

    [Fact]
    public void Rejects_an_agent_without_command_or_preset()
    {
        _folder.LoadErrors("""
            agent: edit
            agents:
              edit:
                timeout: 10m
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(3, 3, "agent 'edit' needs 'command' (what to run) or 'preset' (aider, claude, codex, gemini)");
    }

    [Fact]
    public void Rejects_an_unknown_preset()
    {
        _folder.LoadErrors("""
            agents:
              fast:
                preset: copilot
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(3, 13, "unknown preset 'copilot' in agent 'fast'; use one of: aider, claude, codex, gemini");
    }

    [Fact]
    public void Rejects_an_agent_with_both_command_and_preset()
    {
        _folder.LoadErrors("""
            agents:
              fast:
                command: ./agent.sh
                preset: codex
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(4, 5, "agent 'fast' has both 'command' and 'preset'; keep one");
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10x")]
    [InlineData("30m1h")]
    [InlineData("0")]
    public void Rejects_a_bad_timeout(string timeout)
    {
        _folder.LoadErrors($"""
            agents:
              edit:
                command: ./agent.sh
                timeout: {timeout}
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(4, 14, $"timeout of agent 'edit' must be a duration from 1s to 24h (such as 90, 30s, 10m, 1h30m or 500ms), not '{timeout}'");
    }

    [Fact]
    public void Rejects_an_unknown_key_in_an_agent()
    {
        _folder.LoadErrors("""
            agents:
              edit:
                command: ./agent.sh
                enviroment: {A: b}
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(4, 5, "unknown key 'enviroment' in agent 'edit'; known keys: command, preset, timeout, retries, env, options, passTrackerToken, passEnv");
    }
}
