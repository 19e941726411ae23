using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>Which file a path names, and which format that file is read as.</summary>
public sealed class PlanLocationTests : IDisposable
{
    private const string MinimalPlan = "tasks:\n  - id: a\n    prompt: Do a.\n";

    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Finds_fanout_yaml_in_a_folder()
    {
        _folder.Write("fanout.yaml", MinimalPlan);

        var plan = PlanLoader.Load(_folder.Path);

        plan.SourceFile.ShouldBe(_folder.Combine("fanout.yaml"));
        plan.Format.ShouldBe(PlanFormat.Fanout);
    }

    [Fact]
    public void Finds_a_contextune_plan_in_a_folder()
    {
        Fixtures.CopyTo("contextune", _folder);

        var plan = PlanLoader.Load(_folder.Path);

        plan.SourceFile.ShouldBe(_folder.Combine(".parallel", "plans", "plan.yaml"));
        plan.Format.ShouldBe(PlanFormat.Contextune);
    }

    [Fact]
    public void Prefers_fanout_yaml_when_a_folder_has_both()
    {
        Fixtures.CopyTo("contextune", _folder);
        _folder.Write("fanout.yaml", MinimalPlan);

        PlanLoader.Load(_folder.Path).Format.ShouldBe(PlanFormat.Fanout);
    }

    [Fact]
    public void Reads_a_file_of_any_name_as_a_fanout_plan()
    {
        var path = _folder.Write("plans/release.yml", MinimalPlan);

        var plan = PlanLoader.Load(path);

        (plan.Format, plan.Name).ShouldBe((PlanFormat.Fanout, "plans"));
    }

    [Fact]
    public void Reads_a_file_with_metadata_as_a_contextune_plan_wherever_it_is()
    {
        _folder.Write("elsewhere/tasks/t1.md", "---\nid: t1\n---\n# Fix it\n\nFix the bug.\n");
        var path = _folder.Write("elsewhere/plan.yaml", "metadata:\n  created: \"20250101-000000\"\ntasks:\n  - id: t1\n");

        var plan = PlanLoader.Load(path);

        (plan.Format, plan.Name).ShouldBe((PlanFormat.Contextune, "elsewhere"));
        plan.Tasks.ShouldHaveSingleItem().Title.ShouldBe("Fix it");
    }

    [Fact]
    public void Reports_a_missing_file_at_its_first_line()
    {
        var path = _folder.Combine("nope.yaml");

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(path)).Problems.ShouldHaveSingleItem();

        error.Position.ShouldBe(new SourcePosition(path, 1, 1));
        error.Message.ShouldBe($"plan file '{path}' not found; give a fanout.yaml, a Contextune plan.yaml, or a folder holding one");
    }

    [Fact]
    public void Reports_a_folder_without_a_plan()
    {
        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(_folder.Path)).Problems.ShouldHaveSingleItem();

        error.Position.ShouldBe(new SourcePosition(_folder.Path, 1, 1));
        error.Message.ShouldBe($"no plan in folder '{_folder.Path}': looked for fanout.yaml, .parallel/plans/plan.yaml and a ccpm epic under .claude/epics; 'fanout init' writes a fanout.yaml");
    }

    [Fact]
    public void Keeps_a_relative_path_relative_in_positions()
    {
        _folder.Write("fanout.yaml", "tasks:\n  - id: a\n    prompt: Do a.\n    agent: nobody\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _folder.Combine("fanout.yaml"));

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(relative)).Problems.ShouldHaveSingleItem();

        error.Position.ShouldBe(new SourcePosition(relative, 4, 12));
        error.ToString().ShouldStartWith($"{relative}:4:12: unknown agent 'nobody'");
    }

    [Fact]
    public void Names_positions_in_a_found_file_by_the_folder_as_given()
    {
        _folder.Write("fanout.yaml", "tasks: []\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _folder.Path);

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(relative)).Problems.ShouldHaveSingleItem();

        error.Position!.File.ShouldBe(Path.Combine(relative, "fanout.yaml"));
    }

    [Fact]
    public void Carries_the_first_error_in_the_exception_message()
    {
        _folder.Write("fanout.yaml", "tasks: []\n");

        Should.Throw<UserInputException>(() => PlanLoader.Load(_folder.Path)).Message
            .ShouldBe($"{_folder.Combine("fanout.yaml")}:1:8: 'tasks' is empty; add at least one task with an 'id' and a 'prompt'");
    }
}
