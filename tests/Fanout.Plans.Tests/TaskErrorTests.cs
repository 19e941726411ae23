using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>Errors in single tasks: ids, prompts and prompt files.</summary>
public sealed class TaskErrorTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rejects_a_task_without_an_id()
    {
        _folder.LoadErrors("""
            tasks:
              - title: Nameless
                prompt: Do it.
            """).ShouldBeSingle(2, 5, "task has no 'id'; give it a short unique name such as 'api-client'");
    }

    [Theory]
    [InlineData("a b", "task id 'a b' contains a space; use only letters, digits, '.', '_' and '-'")]
    [InlineData("a/b", "task id 'a/b' contains '/'; use only letters, digits, '.', '_' and '-'")]
    [InlineData("-a", "task id '-a' must start with a letter or digit")]
    [InlineData("a..b", "task id 'a..b' must not contain '..' (git refuses it in branch names)")]
    [InlineData("a.lock", "task id 'a.lock' must not end in '.lock' (git reserves it for lock files)")]
    [InlineData("a.", "task id 'a.' must not end in '.' (git refuses it in branch names)")]
    [InlineData("'a'", "task id is empty; give the task a short name such as 'api-client'")]
    public void Rejects_a_bad_id_and_says_which_rule_it_breaks(string id, string message)
    {
        _folder.LoadErrors($"""
            tasks:
              - id: {id}
                prompt: Do it.
            """.Replace("'a'", "''", StringComparison.Ordinal)).ShouldBeSingle(2, 9, message);
    }

    [Fact]
    public void Rejects_an_id_longer_than_64_characters()
    {
        var id = new string('x', 65);
        _folder.LoadErrors($"""
            tasks:
              - id: {id}
                prompt: Do it.
            """).ShouldBeSingle(2, 9, $"task id '{id[..64]}...' is 65 characters long; use at most 64");
    }

    [Fact]
    public void Accepts_ids_at_the_edges_of_the_rules()
    {
        var id = "A" + new string('9', 63);
        var plan = _folder.LoadPlan($"""
            tasks:
              - id: {id}
                prompt: Do it.
              - id: v1.2_fix-3
                prompt: Do it.
            """);

        plan.Tasks.Select(t => t.Id).ShouldBe([id, "v1.2_fix-3"]);
    }

    [Fact]
    public void Rejects_a_duplicate_id_and_points_at_the_first()
    {
        var errors = _folder.LoadErrors("""
            tasks:
              - id: x
                prompt: One.
              - id: x
                prompt: Two.
            """);

        errors.ShouldBeSingle(4, 9, $"duplicate task id 'x' (first defined at {_folder.Combine("fanout.yaml")}:2:5); give each task its own id");
    }

    [Fact]
    public void Rejects_a_missing_prompt_file_and_says_where_it_looked()
    {
        _folder.LoadErrors("""
            tasks:
              - id: x
                file: tasks/x.md
            """).ShouldBeSingle(3, 11, $"prompt file 'tasks/x.md' not found (relative to {_folder.Path})");
    }

    [Fact]
    public void Rejects_a_task_with_both_prompt_and_file()
    {
        _folder.Write("x.md", "Do x.");
        _folder.LoadErrors("""
            tasks:
              - id: x
                prompt: Do x.
                file: x.md
            """).ShouldBeSingle(4, 5, "task 'x' has both 'prompt' and 'file'; keep one");
    }

    [Fact]
    public void Rejects_a_task_with_neither_prompt_nor_file()
    {
        _folder.LoadErrors("""
            tasks:
              - id: x
                title: Something
            """).ShouldBeSingle(2, 5, "task 'x' needs 'prompt' (the text for the agent) or 'file' (a file holding it)");
    }

    [Fact]
    public void Rejects_an_empty_prompt()
    {
        _folder.LoadErrors("""
            tasks:
              - id: x
                prompt: ""
            """).ShouldBeSingle(3, 13, "task 'x' has an empty prompt; say what the agent should do");
    }

    [Fact]
    public void Rejects_a_task_that_is_not_a_mapping()
    {
        _folder.LoadErrors("""
            tasks:
              - just-a-name
            """).ShouldBeSingle(2, 5, "each task must be a mapping with at least 'id' and 'prompt' (or 'file')");
    }

    [Fact]
    public void Rejects_labels_that_are_not_strings()
    {
        _folder.LoadErrors("""
            tasks:
              - id: x
                prompt: Do x.
                labels: [ok, {nested: map}]
            """).ShouldBeSingle(4, 18, "each entry of 'labels' of task 'x' must be a string");
    }
}
