using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>Errors in the plan's YAML and top-level keys.</summary>
public sealed class PlanShapeErrorTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reports_a_yaml_syntax_error_at_its_position()
    {
        var error = _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: "unclosed
            """).ShouldHaveSingleItem();

        error.Position!.File.ShouldBe(_folder.Combine("fanout.yaml"));
        error.Position!.Line.ShouldBe(3);
        error.Message.ShouldStartWith("YAML syntax error: ");
        error.Message.ShouldNotContain("Idx:");
    }

    [Fact]
    public void Reports_a_flow_list_left_open_at_the_end_of_the_file()
    {
        var error = _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: Do a.
                labels: [one, two
            """).ShouldHaveSingleItem();

        error.Position!.Line.ShouldBe(4);
        error.Message.ShouldBe("YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'; fix the YAML at this position");
    }

    [Fact]
    public void Reports_a_flow_list_left_open_before_more_keys()
    {
        var error = _folder.LoadErrors("""
            tasks:
              - id: a
                labels: [one
                prompt: Do a.
                priority: high
            """).ShouldHaveSingleItem();

        error.Position!.Line.ShouldBeInRange(3, 5);
        error.Message.ShouldStartWith("YAML syntax error: ");
    }

    [Fact]
    public void Reports_a_duplicate_key_as_a_yaml_error_at_the_second_key()
    {
        var error = _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: one
                prompt: two
            """).ShouldHaveSingleItem();

        (error.Position!.Line, error.Position!.Column).ShouldBe((4, 5));
        error.Message.ShouldStartWith("YAML syntax error: ");
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        _folder.LoadErrors("# nothing yet\n")
            .ShouldBeSingle(1, 1, "a plan must be a mapping of keys such as 'name:' and 'tasks:'; see 'fanout init' for a starter plan");
    }

    [Fact]
    public void Rejects_an_unknown_key_in_a_task_and_suggests_the_close_one()
    {
        _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: Do a.
              - id: b
                prompt: Do b.
                dependson: [a]
            """).ShouldBeSingle(6, 5, "unknown key 'dependson' in task; did you mean 'dependsOn'?");
    }

    [Fact]
    public void Rejects_an_unknown_top_level_key_and_lists_the_known_ones_when_none_is_close()
    {
        _folder.LoadErrors("""
            owner: someone
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(1, 1, "unknown key 'owner' in plan; known keys: name, base, tracker, github, agent, agents, setup, test, include, maxParallel, ports, preamble, tasks, merge, writeBack");
    }

    [Fact]
    public void Suggests_a_key_for_a_typo_in_the_plan()
    {
        _folder.LoadErrors("""
            maxParalel: 3
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(1, 1, "unknown key 'maxParalel' in plan; did you mean 'maxParallel'?");
    }

    [Fact]
    public void Rejects_a_plan_without_tasks()
    {
        _folder.LoadErrors("name: x\n")
            .ShouldBeSingle(1, 1, "plan has no 'tasks:'; add a list of tasks, each with an 'id' and a 'prompt'");
    }

    [Fact]
    public void Rejects_an_empty_task_list()
    {
        _folder.LoadErrors("""
            name: x
            tasks: []
            """).ShouldBeSingle(2, 8, "'tasks' is empty; add at least one task with an 'id' and a 'prompt'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    [InlineData("2.5")]
    [InlineData("1001")]
    [InlineData("99999999999")]
    public void Rejects_a_max_parallel_that_is_not_a_whole_number_in_range(string value)
    {
        _folder.LoadErrors($"""
            maxParallel: {value}
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(1, 14, $"maxParallel must be a whole number from 1 to 1000, not '{value}'");
    }

    [Fact]
    public void Rejects_an_unknown_tracker()
    {
        _folder.LoadErrors("""
            tracker: jira
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(1, 10, "unknown tracker 'jira'; use local or github");
    }

    [Fact]
    public void Rejects_an_empty_command_list()
    {
        _folder.LoadErrors("""
            test: []
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(1, 7, "'test' is an empty list; give at least the program to run");
    }

    [Fact]
    public void Rejects_a_list_where_a_single_value_belongs()
    {
        _folder.LoadErrors("""
            base: [main, dev]
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(1, 7, "'base' must be a single value, not a list");
    }

    [Fact]
    public void Reports_every_problem_in_one_pass_in_file_order()
    {
        var errors = _folder.LoadErrors("""
            maxParallel: 0
            tasks:
              - id: a b
                prompt: Do a.
              - title: no id
                prompt: Do it.
              - id: c
                dependsOn: [zed]
            """);

        errors.Select(e => e.Position!.Line).ShouldBe([1, 3, 5, 7, 8]);
    }
}
