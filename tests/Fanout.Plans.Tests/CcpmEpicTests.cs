using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class CcpmEpicTests : IDisposable
{
    private readonly TempDirectory _repository = new("fanout-plans");

    public CcpmEpicTests() => Fixtures.CopyTo("ccpm", _repository);

    public void Dispose() => _repository.Dispose();

    private string EpicFolder => _repository.Combine(".claude", "epics", "user-auth");

    private string TaskFile(string name) => Path.Combine(EpicFolder, name);

    [Fact]
    public void Loads_an_epic_folder_with_ids_from_file_numbers_titles_from_names_and_prompts_from_bodies()
    {
        var plan = PlanLoader.Load(EpicFolder);

        (plan.Name, plan.Format, plan.Agent, plan.SourceFile).ShouldBe(("user-auth", PlanFormat.Ccpm, "claude", Path.Combine(EpicFolder, "epic.md")));
        plan.Tasks.Select(t => (t.Id, t.Title)).ShouldBe([("002", "Add the login endpoint"), ("003", "Add the login form"), ("004", "Document sign-in")]);
        var endpoint = plan.Task("002");
        endpoint.Prompt.ShouldStartWith("# Task: Add the login endpoint\n\n## Description\nPOST /login");
        endpoint.Prompt.ShouldContain("This task is part of the epic `user-auth`");
        endpoint.Prompt.ShouldContain("Sessions are signed cookies");
        endpoint.Prompt.ShouldNotContain("status: open");
        endpoint.PromptFile.ShouldBe(TaskFile("002.md"));
        plan.DependencyOrder.ShouldBe(["002", "003", "004"]);
    }

    [Fact]
    public void Skips_closed_tasks_counts_dependencies_on_them_as_met_and_reads_parallel_and_conflicts()
    {
        var plan = PlanLoader.Load(Path.Combine(EpicFolder, "epic.md"));

        plan.Tasks.ShouldNotContain(t => t.Id == "001");
        plan.Task("002").DependsOn.ShouldBeEmpty();
        plan.Task("004").DependsOn.ShouldBe(["002", "003"]);
        plan.Task("002").ConflictsWith.ShouldBe(["003"]);
        plan.Task("003").ConflictsWith.ShouldBe(["002"]);
        (plan.Task("002").Parallel, plan.Task("004").Parallel).ShouldBe((true, false));
    }

    [Fact]
    public void Matches_numbers_written_without_leading_zeros_to_their_files()
    {
        Rewrite("004.md", "depends_on: [002, 003]", "depends_on: [2, 3]");

        PlanLoader.Load(EpicFolder).Task("004").DependsOn.ShouldBe(["002", "003"]);
    }

    [Fact]
    public void Takes_run_defaults_from_the_projects_fanout_yaml()
    {
        _repository.Write("fanout.yaml", "agent: edit\nagents:\n  edit:\n    command: [sh, -c, 'true']\ntest: make test\nmerge: {test: each}\nmaxParallel: 2\n");

        var plan = PlanLoader.Load(EpicFolder);

        (plan.Agent, plan.Test?.ToString(), plan.MergeTest, plan.MaxParallel).ShouldBe(("edit", "make test", MergeTestMode.Each, 2));
        plan.Tasks.Count.ShouldBe(3);
    }

    [Fact]
    public void Reports_an_unknown_dependency_at_its_position_in_the_task_file()
    {
        Rewrite("004.md", "depends_on: [002, 003]", "depends_on: [002, 007]");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(EpicFolder)).Problems.ShouldHaveSingleItem();

        error.Position.ShouldBe(new SourcePosition(TaskFile("004.md"), 7, 19));
        error.Message.ShouldBe("unknown dependency '007' in task '004'; known tasks: 002, 003, 004");
    }

    [Fact]
    public void Reports_an_unknown_conflict_and_a_bad_parallel_value_at_their_positions()
    {
        Rewrite("003.md", "conflicts_with: [002]", "conflicts_with: [009]");
        Rewrite("004.md", "parallel: false", "parallel: sometimes");

        var errors = Should.Throw<UserInputException>(() => PlanLoader.Load(EpicFolder)).Problems;

        errors.Count.ShouldBe(2, string.Join('\n', errors));
        errors[0].Position.ShouldBe(new SourcePosition(TaskFile("003.md"), 9, 18));
        errors[0].Message.ShouldBe("unknown task '009' in the conflicts of task '003'; known tasks: 002, 003, 004");
        errors[1].Position.ShouldBe(new SourcePosition(TaskFile("004.md"), 8, 11));
        errors[1].Message.ShouldBe("'parallel' must be true or false, not 'sometimes'");
    }

    [Fact]
    public void Reports_a_dependency_cycle_between_task_files()
    {
        Rewrite("002.md", "depends_on: [001]", "depends_on: [004]");

        Should.Throw<UserInputException>(() => PlanLoader.Load(EpicFolder)).Problems.ShouldHaveSingleItem()
            .Message.ShouldStartWith("dependency cycle: ");
    }

    [Fact]
    public void Refuses_an_epic_without_task_files_and_one_whose_tasks_are_all_closed()
    {
        foreach (var file in new[] { "002.md", "003.md", "004.md" })
        {
            Rewrite(file, "status: open", "status: completed");
        }

        Should.Throw<UserInputException>(() => PlanLoader.Load(EpicFolder)).Problems.ShouldBeSingle(
            1, 1, "every task of epic 'user-auth' is closed; nothing to run (set 'status: open' on a task file to run it again)");

        foreach (var file in Directory.EnumerateFiles(EpicFolder, "00*.md"))
        {
            File.Delete(file);
        }

        Should.Throw<UserInputException>(() => PlanLoader.Load(EpicFolder)).Problems.ShouldBeSingle(
            1, 1, "epic 'user-auth' has no task files; ccpm writes them next to epic.md as 001.md, 002.md, ... (/pm:epic-decompose user-auth)");
    }

    [Fact]
    public void Reports_broken_front_matter_yaml_at_its_line_in_the_task_file()
    {
        Rewrite("003.md", "name: Add the login form", "name: Add: the: login form");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(EpicFolder)).Problems.ShouldHaveSingleItem();

        error.Position!.File.ShouldBe(TaskFile("003.md"));
        error.Position!.Line.ShouldBe(2);
        error.Message.ShouldStartWith("YAML syntax error: ");
    }

    private void Rewrite(string file, string from, string to)
    {
        var path = TaskFile(file);
        var text = File.ReadAllText(path);
        text.ShouldContain(from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
