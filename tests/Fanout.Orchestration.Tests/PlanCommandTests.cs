using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>The one way plan commands run (setup, test, the integration test), and the FANOUT_* variables they get.</summary>
public sealed class PlanCommandTests
{
    [Fact]
    public async Task A_list_command_runs_in_its_worktree_with_placeholders_and_its_output_goes_to_the_log()
    {
        using var folder = new TempDirectory();
        var log = folder.Combine("logs", "task.log");
        var scope = new CommandScope(folder.Path, log, new Dictionary<string, string> { ["task"] = "api" }, new Dictionary<string, string?> { ["FANOUT_TASK"] = "api" });

        var result = await new PlanCommandRunner(ProcessRunner.Instance).RunAsync(
            CommandSpec.FromArgv(["sh", "-c", "pwd; echo \"$1 $FANOUT_TASK\"; echo oops >&2; exit 3", "sh", "{task}"]), scope, CancellationToken.None);

        result.ExitCode.ShouldBe(3);
        result.StandardOutput.ShouldContain("api api");
        var written = await File.ReadAllTextAsync(log);
        written.ShouldContain(folder.Path);
        written.ShouldContain("oops");
    }

    [Fact]
    public void A_tasks_variables_name_everything_known_and_remove_every_credential()
    {
        var variables = new TaskVariables("r1", "api", "main", "abc123", "/repo")
        {
            Title = "Add the API",
            Branch = "fanout/r1/api",
            Worktree = "/wt/r1/api",
            Issue = "7",
            PromptFile = "/state/prompt.md",
            LogFile = "/state/api.log",
            Port = "41000",
            PortCount = "10",
        }.ToEnvironment();

        variables["FANOUT_TASK"].ShouldBe("api");
        variables["FANOUT_ISSUE"].ShouldBe("7");
        variables["FANOUT_PORT"].ShouldBe("41000");
        variables["FANOUT_BASE_COMMIT"].ShouldBe("abc123");
        foreach (var secret in SecretVariables.All)
        {
            variables.ShouldContainKeyAndValue(secret, null);
        }

        variables.ShouldContainKeyAndValue("GH_ENTERPRISE_TOKEN", null);
        variables.ShouldContainKeyAndValue("ANTHROPIC_API_KEY", null);
        variables.ShouldContainKeyAndValue("GIT_ASKPASS", null);
    }

    [Fact]
    public void The_integration_worktrees_variables_leave_out_what_it_does_not_have()
    {
        var variables = new TaskVariables("r1", string.Empty, "main", "abc123", "/repo") { Branch = "fanout/r1/integration", Worktree = "/wt/r1/_integration" }.ToEnvironment();

        variables.Keys.ShouldNotContain("FANOUT_ISSUE");
        variables.Keys.ShouldNotContain("FANOUT_PORT");
        variables.Keys.ShouldNotContain("FANOUT_PROMPT_FILE");
        variables["FANOUT_BRANCH"].ShouldBe("fanout/r1/integration");
    }
}
