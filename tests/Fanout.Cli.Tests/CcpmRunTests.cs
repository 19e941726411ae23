using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class CcpmRunTests
{
    [Fact]
    public async Task A_ccpm_epic_runs_end_to_end_and_merges_in_dependency_order()
    {
        using var repository = await GitRepository.CreateAsync();
        const string Epic = ".claude/epics/greeting";
        repository.Write($"{Epic}/epic.md", "---\nname: greeting\nstatus: backlog\ncreated: 2025-01-15T14:30:00Z\nprogress: 0%\nprd: .claude/prds/greeting.md\ngithub: [Will be updated when synced to GitHub]\n---\n\n# Epic: greeting\n\n## Overview\nSay hello.\n");
        repository.Write($"{Epic}/001.md", Task("Write the greeting", "open", "[]", "true", "[]"));
        repository.Write($"{Epic}/002.md", Task("Use the greeting", "open", "[001]", "true", "[]"));
        repository.Write($"{Epic}/003.md", Task("Tidy up alone", "open", "[]", "false", "[]"));
        repository.Write($"{Epic}/004.md", Task("Already done", "closed", "[]", "true", "[]"));
        repository.Write("fanout.yaml", """
            agent: edit
            agents:
              edit:
                command: [sh, -c, 'ls > "seen-$FANOUT_TASK.txt"; echo "$FANOUT_TITLE" > "done-$FANOUT_TASK.txt"']
            test: [sh, -c, 'test -f README.md']
            """);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "epic");

        var run = await FanoutCli.RunAsync(repository.Path, "run", Epic, "--merge");

        run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        var order = run.StandardOutput.Split('\n').Single(l => l.Contains("merged, in order: ", StringComparison.Ordinal)).Split(": ")[1].Split(", ");
        order.ShouldBe(["001", "002", "003"], ignoreOrder: true);
        Array.IndexOf(order, "001").ShouldBeLessThan(Array.IndexOf(order, "002"));
        var status = JsonDocument.Parse((await FanoutCli.RunAsync(repository.Path, "status", "--json")).StandardOutput).RootElement;
        status.GetProperty("run").GetProperty("plan").GetString().ShouldBe("greeting");
        var tasks = status.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t);
        tasks.Keys.ShouldBe(["001", "002", "003"]);
        tasks.Values.ShouldAllBe(t => t.GetProperty("state").GetString() == "merged");
        tasks["002"].GetProperty("title").GetString().ShouldBe("Use the greeting");
        File.ReadAllText(Path.Combine(tasks["002"].GetProperty("worktree").GetString()!, "seen-002.txt")).ShouldContain("done-001.txt");
        var runId = status.GetProperty("run").GetProperty("id").GetString();
        (await repository.GitAsync("show", $"fanout/{runId}/integration:done-002.txt")).ShouldBe("Use the greeting");
    }

    private static string Task(string name, string status, string dependsOn, string parallel, string conflicts) =>
        $"---\nname: {name}\nstatus: {status}\ncreated: 2025-01-15T14:30:00Z\nupdated: 2025-01-15T14:30:00Z\ngithub: [Will be updated when synced to GitHub]\ndepends_on: {dependsOn}\nparallel: {parallel}\nconflicts_with: {conflicts}\n---\n\n# Task: {name}\n\n## Description\n{name}.\n\n## Acceptance Criteria\n- [ ] Done\n";
}
