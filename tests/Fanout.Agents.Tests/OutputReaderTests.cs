using Shouldly;

using Xunit;

namespace Fanout.Agents.Tests;

/// <summary>
/// The readers on real output. The fixtures were captured from the installed CLIs (Claude Code 2.1.197, Codex CLI
/// 0.171.0) against local scripted model endpoints; each fixture's header says how.
/// </summary>
public sealed class OutputReaderTests
{
    [Fact]
    public void Claude_reader_reports_init_text_tool_uses_and_the_result_in_order()
    {
        var (progress, report) = Read(new ClaudeStreamJsonReader(), "claude-edit.jsonl");

        progress.Select(p => p.Kind).ShouldBe([AgentProgress.Session, "init", "message", "tool", "tool", "message", "result"]);
        progress[0].Text.ShouldBe("921c9f41-5e59-4c1e-b336-85e17f96da8c", "the session id a later attempt continues");
        progress[1].Text.ShouldBe("model claude-opus-4-8[1m], permission mode acceptEdits");
        progress[2].Text.ShouldBe("Reading it first.");
        progress[5].Text.ShouldBe("Done: README.md rewritten.");
        report!.IsError.ShouldBeFalse();
        report.Denials.ShouldBeEmpty();
        report.Notes().ShouldBeNull();
    }

    [Fact]
    public void Claude_reader_surfaces_permission_denials_from_a_result_that_says_success()
    {
        var (progress, report) = Read(new ClaudeStreamJsonReader(), "claude-denied.jsonl");

        progress.ShouldContain(new AgentProgress("tool-error", "Claude requested permissions to write to /tmp/i5cap/repo/README.md, but you haven't granted it yet."));
        progress.ShouldContain(new AgentProgress("denied", "Write /tmp/i5cap/repo/README.md"));
        report!.Summary.ShouldBe("success, 3 turn(s), $0.000705, 1 permission denial(s)");
        report.IsError.ShouldBeFalse();
        report.Denials.ShouldBe(["Write /tmp/i5cap/repo/README.md"]);
    }

    [Fact]
    public void Claude_reader_takes_is_error_and_the_result_text_as_the_agents_own_failure()
    {
        var (_, report) = Read(new ClaudeStreamJsonReader(), "claude-api-error.jsonl");

        report!.IsError.ShouldBeTrue();
        report.Error.ShouldBe("API Error: Unable to connect to API (ConnectionRefused)");
        report.Summary.ShouldBe("success (error), 1 turn(s), $0");
    }

    [Fact]
    public void Claude_reader_without_a_result_line_has_no_report()
    {
        var reader = new ClaudeStreamJsonReader();

        reader.Read("""{"type":"system","subtype":"init","model":"m","permissionMode":"default"}""", null);
        reader.Read("not json at all", null);
        reader.Read("{ broken", null);

        reader.Report.ShouldBeNull();
    }

    [Fact]
    public void Codex_reader_reports_commands_file_changes_messages_and_usage()
    {
        var (progress, report) = Read(new CodexJsonReader(), "codex-edit.jsonl");

        progress.Select(p => p.Kind).ShouldBe([AgentProgress.Session, "init", "warning", "command", "file", "message", "result"]);
        progress[0].Text.ShouldBe("01a21eef-d310-72b2-92d9-13e6ae6990a0", "the thread a later attempt continues");
        progress[3].Text.ShouldBe("/bin/bash -lc 'echo hello > hello.txt && cat hello.txt' (exit 0)");
        progress[4].Text.ShouldBe("add /tmp/i5cap/crepo/notes.txt");
        progress[5].Text.ShouldBe("Done: hello.txt and notes.txt written.");
        report!.Summary.ShouldBe("completed, 1 turn(s), 300 input and 60 output tokens");
        report.IsError.ShouldBeFalse();
    }

    [Fact]
    public void Codex_reader_takes_turn_failed_as_the_agents_own_failure()
    {
        var (progress, report) = Read(new CodexJsonReader(), "codex-turn-failed.jsonl");

        progress.ShouldContain(new AgentProgress("error", "The model `gpt-5-codex` does not exist or you do not have access to it."));
        report!.IsError.ShouldBeTrue();
        report.Error.ShouldBe("The model `gpt-5-codex` does not exist or you do not have access to it.");
    }

    private static (List<AgentProgress> Progress, AgentReport? Report) Read(IAgentOutputReader reader, string fixture)
    {
        var progress = new List<AgentProgress>();
        var sink = new Sink(progress);
        foreach (var line in File.ReadLines(FakeAgentCli.Fixture(fixture)))
        {
            // The '#' header lines go in too: a reader must skip what is not its JSON.
            reader.Read(line, sink);
        }

        return (progress, reader.Report);
    }

    private sealed class Sink(List<AgentProgress> items) : IProgress<AgentProgress>
    {
        public void Report(AgentProgress value) => items.Add(value);
    }
}
