using Fanout.Plans;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

public sealed class CommandAgentTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task An_argv_template_gets_its_placeholders_each_as_one_argument()
    {
        var agent = new CommandAgent("edit", CommandSpec.FromArgv(["sh", "-c", "printf '%s|' \"$@\" > out.txt", "agent", "{task}", "{branch}", "{issue}", "{prompt_file}", "{title}"]), ProcessRunner.Instance);

        var outcome = await agent.RunAsync(Invocation(title: "Fix $(rm -rf /) now"), null, CancellationToken.None);

        outcome.Succeeded.ShouldBeTrue();
        (await File.ReadAllTextAsync(_folder.Combine("out.txt"))).ShouldBe($"api|fanout/r1/api|12|{_folder.Combine("prompt.md")}|Fix $(rm -rf /) now|");
    }

    [Fact]
    public async Task A_shell_string_never_has_task_data_spliced_in_and_reads_it_from_the_environment()
    {
        var agent = new CommandAgent("edit", CommandSpec.FromShell("echo \"{task} $FANOUT_TASK\" > out.txt"), ProcessRunner.Instance);
        var invocation = Invocation() with { Environment = new Dictionary<string, string?> { ["FANOUT_TASK"] = "api" } };

        await agent.RunAsync(invocation, null, CancellationToken.None);

        (await File.ReadAllTextAsync(_folder.Combine("out.txt"))).Trim().ShouldBe("{task} api");
    }

    [Fact]
    public async Task The_log_holds_the_command_both_streams_and_the_exit_code()
    {
        var agent = new CommandAgent("edit", CommandSpec.FromArgv(["sh", "-c", "echo working; echo trouble >&2; exit 9"]), ProcessRunner.Instance);

        var outcome = await agent.RunAsync(Invocation(), null, CancellationToken.None);

        outcome.ExitCode.ShouldBe(9);
        outcome.StderrTail.ShouldBe("trouble");
        var log = await File.ReadAllLinesAsync(_folder.Combine("logs", "api.log"));
        log[0].ShouldStartWith("$ sh -c");
        log.ShouldContain("working");
        log.ShouldContain("! trouble");
        log[^1].ShouldStartWith("# exit 9");
    }

    [Fact]
    public async Task An_agent_that_names_issue_in_its_command_waits_for_the_issue()
    {
        new CommandAgent("a", CommandSpec.FromArgv(["run", "--issue", "{issue}"]), ProcessRunner.Instance).NeedsIssue.ShouldBeTrue();
        new CommandAgent("b", CommandSpec.FromArgv(["run", "{task}"]), ProcessRunner.Instance).NeedsIssue.ShouldBeFalse();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_timeout_is_reported_as_such()
    {
        var agent = new CommandAgent("slow", CommandSpec.FromArgv(["sleep", "30"]), ProcessRunner.Instance);

        var outcome = await agent.RunAsync(Invocation() with { Timeout = TimeSpan.FromMilliseconds(300) }, null, CancellationToken.None);

        outcome.TimedOut.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
    }

    public void Dispose() => _folder.Dispose();

    private AgentInvocation Invocation(string title = "Add the API client")
    {
        var prompt = _folder.Write("prompt.md", "Do it");
        return new AgentInvocation("r1", "api", title, prompt, _folder.Path, "fanout/r1/api", _folder.Combine("logs", "api.log")) { Issue = 12 };
    }
}
