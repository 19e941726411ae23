using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class PlanGraphTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Orders_tasks_after_their_dependencies_and_otherwise_as_written()
    {
        var plan = _folder.LoadPlan("""
            tasks:
              - id: ui
                prompt: Do it.
                dependsOn: [api, schema]
              - id: docs
                prompt: Do it.
              - id: api
                prompt: Do it.
                dependsOn: schema
              - id: schema
                prompt: Do it.
              - id: lint
                prompt: Do it.
            """);

        plan.DependencyOrder.ShouldBe(["docs", "schema", "api", "ui", "lint"]);
    }

    [Fact]
    public void Groups_tasks_by_dependency_depth_in_plan_order()
    {
        var plan = _folder.LoadPlan("""
            tasks:
              - id: ui
                prompt: Do it.
                dependsOn: [api, schema]
              - id: docs
                prompt: Do it.
              - id: api
                prompt: Do it.
                dependsOn: schema
              - id: schema
                prompt: Do it.
              - id: e2e
                prompt: Do it.
                dependsOn: [ui, docs]
            """);

        PlanGraph.Levels(plan).ShouldBe([["docs", "schema"], ["api"], ["ui"], ["e2e"]]);
    }

    [Fact]
    public void Puts_independent_tasks_on_one_level()
    {
        var plan = new Plan("p", "fanout.yaml", PlanFormat.Fanout, [Task("a"), Task("b"), Task("c")]);

        PlanGraph.Levels(plan).ShouldBe([["a", "b", "c"]]);
    }

    [Fact]
    public void Computes_levels_for_a_plan_built_in_code_without_an_order()
    {
        var plan = new Plan("p", "fanout.yaml", PlanFormat.Fanout, [Task("b", "a"), Task("a")]);

        PlanGraph.Levels(plan).ShouldBe([["a"], ["b"]]);
    }

    private static PlanTask Task(string id, params string[] dependsOn) =>
        new(id, id, "Do it.", new SourcePosition("fanout.yaml", 1, 1)) { DependsOn = dependsOn };
}
