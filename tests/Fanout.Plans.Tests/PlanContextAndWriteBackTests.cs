using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>Contextune and ccpm as first-class plans: their context reaches every prompt, outcomes go back to their files, ccpm's GitHub links are kept.</summary>
public sealed class PlanContextAndWriteBackTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _repository = new("fanout-plans");

    public void Dispose() => _repository.Dispose();

    private string ContextunePlan => _repository.Combine(".parallel", "plans", "plan.yaml");

    [Fact]
    public void A_contextune_plans_overview_research_and_success_criteria_become_the_preamble_of_every_prompt()
    {
        Fixtures.CopyTo("contextune", _repository);

        var preamble = PlanLoader.Load(ContextunePlan).Preamble!;

        preamble.ShouldStartWith("## Overview\n\nReplace the cookie-only login");
        preamble.ShouldContain("## Research\n\napproach: Signed session tokens stored server-side, rotated on refresh");
        preamble.ShouldContain("libraries:\n  -\n    name: jose");
        preamble.ShouldContain("## Success criteria\n\n- All tasks complete\n- All tests passing");
    }

    [Fact]
    public void Contextune_task_files_get_completed_or_blocked_and_keep_everything_else()
    {
        Fixtures.CopyTo("contextune", _repository);
        var plan = PlanLoader.Load(ContextunePlan);
        var file = plan.Task("task-0").PromptFile!;
        var before = File.ReadAllText(file);

        var changed = PlanStatusWriter.WriteBack(plan, new Dictionary<string, TaskEnd> { ["task-0"] = TaskEnd.Succeeded, ["task-2"] = TaskEnd.Failed, ["task-1"] = TaskEnd.Cancelled }, Now);

        changed.ShouldBe([file, plan.Task("task-2").PromptFile!], ignoreOrder: true);
        File.ReadAllText(file).ShouldBe(before.Replace("status: pending", "status: completed", StringComparison.Ordinal));
        File.ReadAllText(plan.Task("task-2").PromptFile!).ShouldContain("status: blocked");
        PlanLoader.Load(ContextunePlan).Tasks.Select(t => t.Id).ShouldNotContain("task-0", "a completed task is done for the next run");
    }

    [Fact]
    public void Ccpm_task_files_get_closed_and_updated()
    {
        Fixtures.CopyTo("ccpm", _repository);
        var plan = PlanLoader.Load(_repository.Combine(".claude", "epics", "user-auth"));
        var file = plan.Task("002").PromptFile!;

        PlanStatusWriter.WriteBack(plan, new Dictionary<string, TaskEnd> { ["002"] = TaskEnd.Succeeded, ["003"] = TaskEnd.Failed }, Now);

        var text = File.ReadAllText(file);
        text.ShouldContain("status: closed\n");
        text.ShouldContain("updated: 2025-03-01T09:30:00Z\n");
        text.ShouldContain("created: 2025-01-15T14:30:00Z");
        var failed = File.ReadAllText(plan.Task("003").PromptFile!);
        failed.ShouldContain("updated: 2025-03-01T09:30:00Z");
        failed.ShouldNotContain("status: closed");
    }

    [Fact]
    public void WriteBack_false_in_the_companion_fanout_yaml_turns_it_off()
    {
        Fixtures.CopyTo("contextune", _repository);
        _repository.Write("fanout.yaml", "writeBack: false\n");
        var plan = PlanLoader.Load(ContextunePlan);

        PlanStatusWriter.WriteBack(plan, new Dictionary<string, TaskEnd> { ["task-0"] = TaskEnd.Succeeded }, Now).ShouldBeEmpty();
        plan.WriteBack.ShouldBeFalse();
    }

    [Fact]
    public void A_fanout_plan_is_never_rewritten()
    {
        var plan = _repository.LoadPlan("tasks:\n  - id: a\n    prompt: Do a.\n");

        PlanStatusWriter.WriteBack(plan, new Dictionary<string, TaskEnd> { ["a"] = TaskEnd.Succeeded }, Now).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://github.com/acme/shop/issues/42", 42)]
    [InlineData("https://github.com/acme/shop/issues/42/", 42)]
    [InlineData("[Will be updated when synced to GitHub]", null)]
    [InlineData("", null)]
    public void A_ccpm_github_link_names_the_issue_the_task_already_has(string link, int? number)
    {
        Fixtures.CopyTo("ccpm", _repository);
        var file = _repository.Combine(".claude", "epics", "user-auth", "002.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("github: [Will be updated when synced to GitHub]", $"github: \"{link}\"", StringComparison.Ordinal));

        PlanLoader.Load(_repository.Combine(".claude", "epics", "user-auth")).Task("002").ExistingIssue.ShouldBe(number);
    }
}
