using Fanout.Processes;

using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

/// <summary>Each preset's command line, stdin and environment, seen by a real child process standing in for the CLI.</summary>
public sealed class PresetAgentTests : IDisposable
{
    private readonly FakeAgentCli _cli = new();

    [Fact]
    public async Task Claude_runs_in_print_mode_with_stream_json_and_accept_edits_and_gets_the_prompt_on_stdin()
    {
        var outcome = await Run("claude", new Dictionary<string, string>(), _cli.Invocation("claude-edit.jsonl"));

        outcome.Succeeded.ShouldBeTrue();
        _cli.Argv("claude").ShouldBe(["-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits"]);
        _cli.Stdin("claude").ShouldBe("# Fix it\n\nDo the thing.\n");
        _cli.Cwd("claude").ShouldBe(_cli.Worktree);
        outcome.Command.ShouldBe("claude -p --output-format stream-json --verbose --permission-mode acceptEdits");
    }

    [Fact]
    public async Task Claude_options_become_its_flags_with_allowed_tools_last()
    {
        var options = new Dictionary<string, string> { ["permissionMode"] = "plan", ["model"] = "opus", ["maxTurns"] = "12", ["allowedTools"] = "Read,Edit,Bash(git *)" };

        await Run("claude", options, _cli.Invocation("claude-edit.jsonl"));

        _cli.Argv("claude").ShouldBe(["-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "plan", "--model", "opus", "--max-turns", "12", "--allowedTools", "Read,Edit,Bash(git *)"]);
    }

    [Fact]
    public async Task Claude_gets_the_fanout_variables_and_not_the_tracker_token()
    {
        await Run("claude", new Dictionary<string, string>(), _cli.Invocation("claude-edit.jsonl"));

        var env = _cli.Env("claude");
        env["FANOUT_TASK"].ShouldBe("api");
        env.ShouldNotContainKey("GITHUB_TOKEN");
    }

    [Fact]
    public async Task Claude_stream_json_becomes_progress_and_a_report_with_tool_uses_and_cost()
    {
        var progress = new Recorded();

        var outcome = await Run("claude", new Dictionary<string, string>(), _cli.Invocation("claude-edit.jsonl"), progress);

        progress.Items.ShouldContain(new AgentProgress("tool", "Read /tmp/i5cap/repo/README.md"));
        progress.Items.ShouldContain(new AgentProgress("tool", "Write /tmp/i5cap/repo/README.md"));
        progress.Items[^1].ShouldBe(new AgentProgress("result", "success, 3 turn(s), $0.000705"));
        outcome.Report!.Summary.ShouldBe("success, 3 turn(s), $0.000705");
        _cli.Log().ShouldContain("# agent: success, 3 turn(s), $0.000705");
    }

    [Fact]
    public async Task Claude_exiting_0_with_every_edit_denied_succeeds_as_a_process_but_reports_the_denials()
    {
        var progress = new Recorded();

        var outcome = await Run("claude", new Dictionary<string, string>(), _cli.Invocation("claude-denied.jsonl"), progress);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Report!.Denials.ShouldBe(["Write /tmp/i5cap/repo/README.md"]);
        progress.Items.ShouldContain(new AgentProgress("denied", "Write /tmp/i5cap/repo/README.md"));
        outcome.Report.Notes()!.ShouldContain("1 permission denial(s): Write /tmp/i5cap/repo/README.md");
    }

    [Fact]
    public async Task Claude_saying_is_error_fails_the_run_even_with_exit_code_0()
    {
        var outcome = await Run("claude", new Dictionary<string, string>(), _cli.Invocation("claude-api-error.jsonl", exitCode: 0));

        outcome.ExitCode.ShouldBe(0);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Failure("claude", null).ShouldBe("agent claude exited with code 0 but reported an error; the agent reported an error: API Error: Unable to connect to API (ConnectionRefused)");
    }

    [Fact]
    public async Task Codex_runs_exec_with_json_events_in_the_workspace_write_sandbox_and_reads_the_prompt_from_stdin()
    {
        var progress = new Recorded();

        var outcome = await Run("codex", new Dictionary<string, string> { ["model"] = "gpt-5-codex" }, _cli.Invocation("codex-edit.jsonl"), progress);

        outcome.Succeeded.ShouldBeTrue();
        _cli.Argv("codex").ShouldBe(["exec", "--json", "--sandbox", "workspace-write", "--model", "gpt-5-codex", "-"]);
        _cli.Stdin("codex").ShouldBe("# Fix it\n\nDo the thing.\n");
        progress.Items.ShouldContain(new AgentProgress("file", "add /tmp/i5cap/crepo/notes.txt"));
    }

    [Fact]
    public async Task Codex_turn_failed_is_a_failed_run_with_the_error_quoted()
    {
        var outcome = await Run("codex", new Dictionary<string, string> { ["sandbox"] = "read-only" }, _cli.Invocation("codex-turn-failed.jsonl", exitCode: 1));

        _cli.Argv("codex").ShouldBe(["exec", "--json", "--sandbox", "read-only", "-"]);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Failure("codex", null).ShouldContain("The model `gpt-5-codex` does not exist");
    }

    [Fact]
    public async Task Gemini_runs_headless_in_yolo_mode_with_the_prompt_as_one_argument()
    {
        var outcome = await Run("gemini", new Dictionary<string, string> { ["approvalMode"] = "auto_edit" }, _cli.Invocation(prompt: "-rf looks like a flag\n"));

        outcome.Succeeded.ShouldBeTrue();
        _cli.Argv("gemini").ShouldBe(["--approval-mode", "auto_edit", "--skip-trust", "--prompt=-rf looks like a flag", string.Empty]);
    }

    [Fact]
    public async Task Aider_gets_the_prompt_file_auto_yes_no_commits_of_its_own_and_history_outside_the_worktree()
    {
        var invocation = _cli.Invocation();

        await Run("aider", new Dictionary<string, string> { ["model"] = "sonnet" }, invocation);

        var argv = _cli.Argv("aider");
        argv[..3].ShouldBe(["--message-file", invocation.PromptFile, "--yes-always"]);
        argv.ShouldContain("--no-auto-commits");
        argv.ShouldContain("--no-gitignore");
        argv[^2..].ShouldBe(["--model", "sonnet"]);
        var history = argv[Array.IndexOf(argv, "--chat-history-file") + 1];
        history.ShouldStartWith(Path.GetDirectoryName(invocation.PromptFile)!);
        history.ShouldNotStartWith(invocation.Worktree);
    }

    [Fact]
    public async Task A_preset_whose_program_is_missing_fails_with_the_install_hint()
    {
        var invocation = _cli.Invocation();
        invocation = invocation with { Environment = new Dictionary<string, string?>(invocation.Environment) { ["PATH"] = "/nonexistent" } };

        var outcome = await Run("claude", new Dictionary<string, string>(), invocation);

        outcome.ExitCode.ShouldBe(127);
        outcome.StderrTail.ShouldBe("claude: not found on PATH; install it: npm install -g @anthropic-ai/claude-code");
    }

    public void Dispose() => _cli.Dispose();

    private static Task<AgentOutcome> Run(string preset, Dictionary<string, string> options, AgentInvocation invocation, IProgress<AgentProgress>? progress = null) =>
        new PresetAgent(preset, AgentPresets.Get(preset), options, ProcessRunner.Instance).RunAsync(invocation, progress, CancellationToken.None);

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to the thread pool and lose the order).</summary>
    private sealed class Recorded : IProgress<AgentProgress>
    {
        private readonly List<AgentProgress> _items = [];

        public IReadOnlyList<AgentProgress> Items
        {
            get
            {
                lock (_items)
                {
                    return [.. _items];
                }
            }
        }

        public void Report(AgentProgress value)
        {
            lock (_items)
            {
                _items.Add(value);
            }
        }
    }
}
