using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class ContextuneRunTests
{
    [Fact]
    public async Task A_contextune_plan_runs_with_the_agent_its_project_fanout_yaml_defines()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write(".parallel/plans/plan.yaml", """
            metadata:
              name: "Two features"
            tasks:
              - id: task-0
                name: "First feature"
                file: tasks/task-0.md
                priority: high
                dependencies: []
              - id: task-1
                name: "Second feature"
                file: tasks/task-1.md
                priority: medium
                dependencies: [task-0]
            """);
        repository.Write(".parallel/plans/tasks/task-0.md", "---\nid: task-0\npriority: high\nstatus: pending\ndependencies: []\nlabels: [backend]\n---\n\n# First feature\n\nWrite first.txt\n");
        repository.Write(".parallel/plans/tasks/task-1.md", "---\nid: task-1\npriority: medium\nstatus: pending\ndependencies: [task-0]\n---\n\n# Second feature\n\nWrite second.txt\n");
        repository.Write("fanout.yaml", $"agent: edit\nagents:\n  edit:\n    command: {PlanText.EditingAgent}\n");
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");

        var run = await FanoutCli.RunAsync(repository.Path, "run", ".parallel/plans/plan.yaml", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError + run.StandardOutput);
        var events = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        events.Count(e => e.GetProperty("kind").GetString() == "taskStateChanged" && e.GetProperty("state").GetString() == "succeeded").ShouldBe(2);
        events[^1].GetProperty("kind").GetString().ShouldBe("runFinished");
        var issues = await FanoutCli.RunAsync(repository.Path, "issues", "list");
        issues.StandardOutput.ShouldContain("First feature");
        issues.StandardOutput.ShouldContain("Second feature");
    }
}
