using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>The keys that shape an agent run: preset options, retries, timeouts, the tracker token, and what goes into the prompt.</summary>
public sealed class AgentRunSettingsTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_preamble_acceptance_files_and_per_task_timeout_and_retries()
    {
        var plan = _folder.LoadPlan("""
            preamble: |
              Use pnpm, never npm.
            agents:
              claude:
                options: {permissionMode: plan, maxTurns: 30, allowedTools: "Read,Edit"}
                retries: 2
                passTrackerToken: true
            tasks:
              - id: api
                prompt: Write the client.
                acceptance: [GET /users returns a list, errors are typed]
                files: [src/api/client.ts]
                timeout: 20m
                retries: 0
            """);

        plan.Preamble.ShouldBe("Use pnpm, never npm.\n");
        var task = plan.Task("api");
        task.Acceptance.ShouldBe(["GET /users returns a list", "errors are typed"]);
        task.Files.ShouldBe(["src/api/client.ts"]);
        (task.Timeout, task.Retries).ShouldBe((TimeSpan.FromMinutes(20), (int?)0));
        var claude = plan.Agents["claude"];
        (claude.Preset, claude.Retries, claude.PassTrackerToken).ShouldBe(("claude", (int?)2, true));
        claude.Options.ShouldBe(new Dictionary<string, string> { ["permissionMode"] = "plan", ["maxTurns"] = "30", ["allowedTools"] = "Read,Edit" });
    }

    [Fact]
    public void The_tracker_token_is_not_passed_unless_the_plan_says_so()
    {
        var plan = _folder.LoadPlan("""
            agents:
              claude: {retries: 1}
            tasks:
              - id: a
                prompt: Do it.
            """);

        plan.Agents["claude"].PassTrackerToken.ShouldBeFalse();
    }

    [Fact]
    public void Rejects_an_unknown_preset_option_with_a_suggestion()
    {
        _folder.LoadErrors("""
            agents:
              claude:
                options:
                  permisionMode: acceptEdits
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(4, 7, "unknown option 'permisionMode' for preset claude in agent 'claude'; did you mean 'permissionMode'?");
    }

    [Fact]
    public void Rejects_a_preset_option_value_outside_its_choices()
    {
        _folder.LoadErrors("""
            agents:
              sandboxed:
                preset: codex
                options: {sandbox: none}
            tasks:
              - id: a
                prompt: Do it.
                agent: sandboxed
            """).ShouldBeSingle(4, 24, "option sandbox 'none' of agent 'sandboxed' is not valid; use one of: read-only, workspace-write, danger-full-access");
    }

    [Fact]
    public void Rejects_max_turns_that_is_not_a_whole_number()
    {
        _folder.LoadErrors("""
            agents:
              claude:
                options: {maxTurns: many}
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(3, 25, "option maxTurns 'many' of agent 'claude' is not valid; maxTurns must be a whole number from 1 to 10000, not 'many'");
    }

    [Fact]
    public void Rejects_options_on_an_agent_that_runs_its_own_command()
    {
        _folder.LoadErrors("""
            agent: edit
            agents:
              edit:
                command: [./agent.sh]
                options: {model: opus}
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(5, 5, "agent 'edit' runs its own command, so 'options' of agent 'edit' would be ignored; put flags in 'command' instead");
    }

    [Theory]
    [InlineData("retries: lots", 5, 14, "retries of task 'a' must be a whole number from 0 to 10, not 'lots'")]
    [InlineData("retries: 11", 5, 14, "retries of task 'a' must be a whole number from 0 to 10, not '11'")]
    [InlineData("timeout: soon", 5, 14, "timeout of task 'a' must be a duration from 1s to 24h (such as 90, 30s, 10m, 1h30m or 500ms), not 'soon'")]
    [InlineData("acceptance: {a: b}", 5, 17, "'acceptance' of task 'a' must be a list of strings, not a mapping")]
    [InlineData("files: [[a]]", 5, 13, "each entry of 'files' of task 'a' must be a string")]
    public void Rejects_bad_task_run_settings_where_they_are(string line, int atLine, int atColumn, string message)
    {
        _folder.LoadErrors($"""
            tasks:
              - id: a
                prompt: Do it.
                agent: claude
                {line}
            """).ShouldBeSingle(atLine, atColumn, message);
    }

    [Fact]
    public void Rejects_a_pass_tracker_token_that_is_not_a_switch()
    {
        _folder.LoadErrors("""
            agents:
              claude: {passTrackerToken: maybe}
            tasks:
              - id: a
                prompt: Do it.
            """).ShouldBeSingle(2, 30, "'passTrackerToken' of agent 'claude' must be true or false, not 'maybe'");
    }
}
