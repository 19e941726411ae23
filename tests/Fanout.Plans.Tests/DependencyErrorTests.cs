using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class DependencyErrorTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rejects_an_unknown_dependency_and_lists_the_known_tasks()
    {
        _folder.LoadErrors("""
            tasks:
              - id: api-client
                prompt: Do it.
              - id: login-form
                prompt: Do it.
                dependsOn: [api]
            """).ShouldBeSingle(6, 17, "unknown dependency 'api' in task 'login-form'; known tasks: api-client, login-form");
    }

    [Fact]
    public void Suggests_a_close_task_id_for_a_misspelt_dependency()
    {
        _folder.LoadErrors("""
            tasks:
              - id: api-client
                prompt: Do it.
              - id: login-form
                prompt: Do it.
                dependsOn: api-clinet
            """).ShouldBeSingle(6, 16, "unknown dependency 'api-clinet' in task 'login-form'; did you mean 'api-client'?");
    }

    [Fact]
    public void Rejects_a_task_that_depends_on_itself()
    {
        _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: Do it.
                dependsOn: [a]
            """).ShouldBeSingle(4, 17, "task 'a' depends on itself; remove 'a' from its dependencies");
    }

    [Fact]
    public void Rejects_a_dependency_cycle_and_names_it_at_the_entry_that_closes_it()
    {
        _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: Do it.
                dependsOn: [b]
              - id: b
                prompt: Do it.
                dependsOn: [c]
              - id: c
                prompt: Do it.
                dependsOn: [x, a]
              - id: x
                prompt: Do it.
            """).ShouldBeSingle(10, 20, "dependency cycle: a -> b -> c -> a; remove one of these dependsOn entries");
    }

    [Fact]
    public void Reports_each_of_two_separate_cycles()
    {
        var errors = _folder.LoadErrors("""
            tasks:
              - id: a
                prompt: Do it.
                dependsOn: [b]
              - id: b
                prompt: Do it.
                dependsOn: [a]
              - id: c
                prompt: Do it.
                dependsOn: [d]
              - id: d
                prompt: Do it.
                dependsOn: [c]
            """);

        errors.Select(e => e.Message).ShouldBe([
            "dependency cycle: a -> b -> a; remove one of these dependsOn entries",
            "dependency cycle: c -> d -> c; remove one of these dependsOn entries",
        ]);
    }
}
