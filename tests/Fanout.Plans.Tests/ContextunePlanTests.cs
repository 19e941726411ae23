using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class ContextunePlanTests : IDisposable
{
    private readonly TempDirectory _repository = new("fanout-plans");

    public ContextunePlanTests() => Fixtures.CopyTo("contextune", _repository);

    public void Dispose() => _repository.Dispose();

    private string PlanFile => _repository.Combine(".parallel", "plans", "plan.yaml");

    [Fact]
    public void Loads_the_sample_plan_with_titles_prompts_and_dependencies()
    {
        var plan = PlanLoader.Load(PlanFile);

        (plan.Name, plan.Format, plan.Agent, plan.Tracker).ShouldBe(("Session auth", PlanFormat.Contextune, "claude", "local"));
        (plan.Setup, plan.Test, plan.Base).ShouldBe((null, null, null));
        plan.Tasks.Select(t => t.Id).ShouldBe(["task-0", "task-1", "task-2"]);

        var first = plan.Task("task-0");
        (first.Title, first.Priority).ShouldBe(("Add the session token service", "blocker"));
        first.Labels.ShouldBe(["parallel-execution", "auto-created", "priority-blocker"]);
        first.Prompt.ShouldStartWith("# Add the session token service\n\n## 🎯 Objective");
        first.Prompt.ShouldNotContain("status: pending");
        first.PromptFile.ShouldBe(_repository.Combine(".parallel", "plans", "tasks", "task-0.md"));
        first.Position.ShouldBe(new SourcePosition(PlanFile, 38, 5));

        plan.Task("task-2").Labels.ShouldBe(["parallel-execution", "frontend"]);
        plan.DependencyOrder.ShouldBe(["task-0", "task-1", "task-2"]);
    }

    [Fact]
    public void Skips_completed_tasks_and_counts_dependencies_on_them_as_met()
    {
        var plan = PlanLoader.Load(PlanFile);

        plan.Tasks.ShouldNotContain(t => t.Id == "task-3");
        plan.Task("task-1").DependsOn.ShouldBe(["task-0"]);
    }

    [Fact]
    public void Treats_done_like_completed()
    {
        Rewrite("tasks/task-2.md", "status: in_progress", "status: Done");

        PlanLoader.Load(PlanFile).Tasks.Select(t => t.Id).ShouldBe(["task-0", "task-1"]);
    }

    [Fact]
    public void Joins_the_dependencies_of_the_plan_and_of_the_task_file()
    {
        Rewrite("tasks/task-2.md", "dependencies: []", "dependencies: [task-1]");

        var plan = PlanLoader.Load(PlanFile);

        plan.Task("task-2").DependsOn.ShouldBe(["task-1"]);
        PlanGraph.Levels(plan).ShouldBe([["task-0"], ["task-1"], ["task-2"]]);
    }

    [Fact]
    public void Rejects_a_task_file_whose_id_differs_from_the_plan_in_that_file()
    {
        Rewrite("tasks/task-2.md", "id: task-2", "id: task-9");

        Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldBeSingle(
            2, 5, "task file says id 'task-9' but plan.yaml lists it as 'task-2'; make the two ids the same")
            .Position!.File.ShouldBe(Path.Combine(Path.GetDirectoryName(PlanFile)!, "tasks/task-2.md"));
    }

    [Fact]
    public void Rejects_a_dependency_on_a_task_the_plan_does_not_have()
    {
        Rewrite("tasks/task-2.md", "dependencies: []", "dependencies:\n  - task-7");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldHaveSingleItem();

        (error.Position!.Line, error.Position!.Column).ShouldBe((6, 5));
        error.Position!.File.ShouldEndWith("task-2.md");
        error.Message.ShouldBe("unknown dependency 'task-7' in task 'task-2'; known tasks: task-0, task-1, task-2");
    }

    [Fact]
    public void Rejects_a_dependency_cycle()
    {
        Rewrite("tasks/task-0.md", "dependencies: []", "dependencies: [task-1]");

        Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldHaveSingleItem()
            .Message.ShouldBe("dependency cycle: task-0 -> task-1 -> task-0; remove one of these dependsOn entries");
    }

    [Fact]
    public void Reports_a_missing_task_file_at_its_entry_in_the_plan()
    {
        File.Delete(_repository.Combine(".parallel", "plans", "tasks", "task-2.md"));

        Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldBeSingle(
            52, 11, $"task file 'tasks/task-2.md' of task 'task-2' not found (relative to {Path.GetDirectoryName(PlanFile)})");
    }

    [Fact]
    public void Reports_broken_front_matter_yaml_at_its_line_in_the_task_file()
    {
        Rewrite("tasks/task-2.md", "priority: medium", "priority: medium: high");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldHaveSingleItem();

        error.Position!.File.ShouldEndWith("task-2.md");
        error.Position!.Line.ShouldBe(3);
        error.Message.ShouldStartWith("YAML syntax error: ");
    }

    [Fact]
    public void Reports_a_list_left_open_in_front_matter_as_a_yaml_error_in_the_task_file()
    {
        Rewrite("tasks/task-2.md", "priority: medium", "priority: [medium");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldHaveSingleItem();

        error.Position!.File.ShouldEndWith("task-2.md");
        error.Position!.Line.ShouldBeInRange(3, 10);
        error.Message.ShouldStartWith("YAML syntax error: ");
    }

    [Fact]
    public void Applies_the_agent_override()
    {
        var plan = PlanLoader.Load(PlanFile, new PlanLoadOptions { AgentOverride = "codex" });

        plan.Agent.ShouldBe("codex");
    }

    [Fact]
    public void Names_the_plan_after_the_repository_when_metadata_has_none()
    {
        Rewrite("plan.yaml", "  name: \"Session auth\"\n", string.Empty);

        PlanLoader.Load(_repository.Path).Name.ShouldBe(Path.GetFileName(_repository.Path));
    }

    [Fact]
    public void Takes_the_title_from_front_matter_then_the_first_heading_then_the_id()
    {
        _repository.Write(".parallel/plans/plan.yaml", """
            metadata:
              name: titles
            tasks:
              - id: from-front-matter
              - id: from-heading
              - id: from-id
            """);
        _repository.Write(".parallel/plans/tasks/from-front-matter.md", "---\nid: from-front-matter\ntitle: Front matter title\n---\n# Heading\n\nDo it.\n");
        _repository.Write(".parallel/plans/tasks/from-heading.md", "---\nid: from-heading\n---\n\nIntro.\n\n# The heading #\n\nDo it.\n");
        _repository.Write(".parallel/plans/tasks/from-id.md", "Just do it, no front matter.\n");

        var plan = PlanLoader.Load(_repository.Path);

        plan.Tasks.Select(t => t.Title).ShouldBe(["Front matter title", "The heading", "from-id"]);
        plan.Task("from-id").Prompt.ShouldBe("Just do it, no front matter.\n");
        plan.Task("from-heading").Prompt.ShouldBe("Intro.\n\n# The heading #\n\nDo it.\n");
    }

    [Fact]
    public void Rejects_front_matter_that_is_never_closed()
    {
        _repository.Write(".parallel/plans/tasks/task-2.md", "---\nid: task-2\n\n# Header\n");

        Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldBeSingle(
            1, 1, "front matter opened with '---' on line 1 is never closed; add a '---' line after it");
    }

    [Fact]
    public void Rejects_front_matter_that_is_not_a_mapping()
    {
        _repository.Write(".parallel/plans/tasks/task-2.md", "---\n- task-2\n---\n\n# Header\n\nDo it.\n");

        Should.Throw<UserInputException>(() => PlanLoader.Load(PlanFile)).Problems.ShouldBeSingle(
            2, 1, "front matter must be a mapping of keys such as 'id' and 'dependencies'");
    }

    private void Rewrite(string relativePath, string oldText, string newText)
    {
        var path = _repository.Combine(".parallel", "plans", relativePath);
        var text = File.ReadAllText(path);
        text.ShouldContain(oldText);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }
}
