using Fanout.Core;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>A plan given as text (a planner's answer) reads as the same file would: the same checks, the same positions.</summary>
public sealed class PlanTextTests
{
    [Fact]
    public void A_plan_read_from_text_is_validated_and_resolved_as_the_file_would_be()
    {
        var plan = PlanLoader.LoadText("name: t\nagent: claude\ntasks:\n  - id: b\n    prompt: B\n    dependsOn: [a]\n  - id: a\n    prompt: A\n", "/nowhere/fanout.yaml");

        plan.DependencyOrder.ShouldBe(["a", "b"]);
        plan.SourceFile.ShouldBe("/nowhere/fanout.yaml");
        plan.SettingsOf(plan.Task("a")).Agent.Name.ShouldBe("claude");
    }

    [Fact]
    public void Its_errors_name_the_path_it_was_given_with_line_and_column_in_the_text()
    {
        var refused = Should.Throw<UserInputException>(() => PlanLoader.LoadText("tasks:\n  - id: a\n    prompt: A\n    dependsOn: [ghost]\n", "planned.yaml"));

        refused.Problems.Single().ToString().ShouldBe("planned.yaml:4:17: unknown dependency 'ghost' in task 'a'; known tasks: a");
    }

    [Fact]
    public void Defaults_read_from_text_need_no_tasks()
    {
        var defaults = PlanLoader.LoadDefaultsText("agent: edit\nagents:\n  edit:\n    command: [true]\n", "fanout.yaml");

        defaults.Agent.ShouldBe("edit");
        defaults.Tasks.ShouldBeEmpty();
    }
}
