using System.Text;
using System.Text.Json.Nodes;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Simulation.Anthropic;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>
/// The real Claude Code CLI in a task's worktree, through the whole pipeline, against a scripted Messages endpoint
/// on 127.0.0.1: the scripted model reads README.md, then writes it; Fanout must verify and deliver the edit.
/// </summary>
public sealed class ClaudeCodeEndToEndTests : IDisposable
{
    private const string Edited = "# rewritten by the scripted model\n";
    private readonly TempDirectory _state = new("claude-state");

    [ClaudeCliFact]
    public async Task Claude_edits_a_file_in_its_worktree_and_Fanout_verifies_and_delivers_it()
    {
        using var model = ReadThenWriteModel();
        using var harness = await RunHarness.CreateAsync(Plan(model, "acceptEdits"));

        var (outcome, run) = await harness.RunAsync();

        var task = run.Tasks.Single();
        (task.State, task.Failure?.Message).ShouldBe((TaskState.Succeeded, null));
        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        (await harness.Repository.GitAsync("show", $"{task.Branch}:README.md")).ShouldBe(Edited.TrimEnd());
        (await harness.IssuesAsync(run.Id)).Single().State.ShouldBe(Trackers.IssueState.Closed);
        model.Prompts[0].ShouldContain("Rewrite the README");
        model.Prompts[0].ShouldContain(task.Branch!);

        var activity = await ActivityAsync(harness, run.Id);
        activity.ShouldContain($"tool: Read {task.Worktree}/README.md");
        activity.ShouldContain($"tool: Write {task.Worktree}/README.md");
        activity.ShouldContain(a => a.StartsWith("result: success, 3 turn(s), $", StringComparison.Ordinal));
    }

    [ClaudeCliFact]
    public async Task Claude_denied_every_edit_exits_0_yet_the_gate_fails_the_task_and_names_the_denial()
    {
        using var model = ReadThenWriteModel();
        using var harness = await RunHarness.CreateAsync(Plan(model, "default"));

        var (outcome, run) = await harness.RunAsync();

        outcome.ExitCode.ShouldBe(ExitCodes.TaskFailed);
        var task = run.Tasks.Single();
        task.Failure!.Phase.ShouldBe(Phase.Verify);
        task.Failure.Message.ShouldStartWith("gate: commits: no changes");
        task.Failure.Message.ShouldContain($"1 permission denial(s): Write {task.Worktree}/README.md");
        (await ActivityAsync(harness, run.Id)).ShouldContain($"denied: Write {task.Worktree}/README.md");
    }

    [ClaudeCliFact]
    public async Task Retry_with_a_follow_up_continues_claudes_own_session_and_the_prompt_file_holds_it()
    {
        using var model = ReadThenWriteModel();
        using var harness = await RunHarness.CreateAsync(Plan(model, "acceptEdits"));
        var (_, first) = await harness.RunAsync();
        var session = first.Tasks.Single().AgentSession;
        session.ShouldNotBeNullOrWhiteSpace("the session id Claude Code printed is journaled");
        var earlier = model.Conversations.Count;

        var (outcome, run) = await harness.ResumeAsync(retry: ["readme"], followUp: "Also say in README.md when it was rewritten.");

        outcome.ExitCode.ShouldBe(ExitCodes.Success);
        var task = run.Tasks.Single();
        (task.State, task.Attempts, task.AgentSession).ShouldBe((TaskState.Succeeded, 2, session));
        var continued = model.Conversations.Skip(earlier).First();
        continued.ShouldContain("Also say in README.md when it was rewritten.");
        continued.ShouldContain("tool_result", customMessage: "the earlier turns came with the follow-up: Claude continued its own session");
        continued.ShouldContain("Rewrite README.md so it says who rewrote it.");
        var prompt = await File.ReadAllTextAsync(Path.Combine(harness.Repository.Path, ".git", "fanout", "runs", run.Id, "prompts", "readme.md"));
        prompt.ShouldContain("## Follow-up");
        prompt.ShouldContain("Also say in README.md when it was rewritten.");
    }

    public void Dispose() => _state.Dispose();

    private static ScriptedAnthropicServer ReadThenWriteModel() => ScriptedAnthropicServer.Start(
        [ModelBlock.Say("I will read the README first."), ModelBlock.Call("Read", cwd => new JsonObject { ["file_path"] = cwd + "/README.md" })],
        [ModelBlock.Call("Write", cwd => new JsonObject { ["file_path"] = cwd + "/README.md", ["content"] = Edited })],
        [ModelBlock.Say("README.md is rewritten.")]);

    private string Plan(ScriptedAnthropicServer model, string permissionMode)
    {
        var text = new StringBuilder();
        text.AppendLine("name: claude-end-to-end");
        text.AppendLine("agent: claude");
        text.AppendLine("agents:");
        text.AppendLine("  claude:");
        text.AppendLine("    timeout: 3m");
        text.AppendLine($"    options: {{permissionMode: {permissionMode}}}");
        text.AppendLine("    env:");
        foreach (var (name, value) in ClaudeCli.OfflineEnvironment(model.BaseUrl, _state.Path))
        {
            text.AppendLine($"      {name}: \"{value}\"");
        }

        text.AppendLine("test: [sh, -c, 'grep -q \"rewritten by the scripted model\" README.md']");
        text.AppendLine("tasks:");
        text.AppendLine("  - id: readme");
        text.AppendLine("    title: Rewrite the README");
        text.AppendLine("    prompt: Rewrite README.md so it says who rewrote it.");
        return text.ToString();
    }

    private static async Task<IReadOnlyList<string>> ActivityAsync(RunHarness harness, string runId)
    {
        await using var journal = await SqliteJournal.OpenAsync(Path.Combine(harness.Repository.Path, ".git", "fanout", "journal.db"), CancellationToken.None);
        return (await journal.EventsAsync(runId, CancellationToken.None)).OfType<AgentActivity>().Select(a => $"{a.Kind}: {a.Text}").ToArray();
    }
}
