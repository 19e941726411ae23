using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>Each task's effective settings are resolved once, when the plan loads: the task's own, else its agent's, else the plan's.</summary>
public sealed class TaskSettingsTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_task_setting_wins_over_its_agents_and_the_agents_over_the_plans()
    {
        var plan = _folder.LoadPlan("""
            agent: edit
            setup: npm ci
            test: npm test
            agents:
              edit:
                command: [sh, -c, 'true']
                timeout: 5m
                retries: 2
                env: {MODEL: fast}
                passTrackerToken: true
            tasks:
              - id: own
                prompt: Do it.
                setup: [make, deps]
                test: [make, check]
                timeout: 20m
                retries: 0
                labels: [frontend]
              - id: inherited
                prompt: Do it too.
            """);

        var own = plan.SettingsOf(plan.Task("own"));
        (own.Agent.Name, own.Timeout, own.Retries).ShouldBe(("edit", (TimeSpan?)TimeSpan.FromMinutes(20), 0));
        (own.Setup!.ToString(), own.Test!.ToString()).ShouldBe(("make deps", "make check"));
        own.Labels.ShouldBe(["fanout", "frontend"]);
        var inherited = plan.SettingsOf(plan.Task("inherited"));
        (inherited.Timeout, inherited.Retries).ShouldBe(((TimeSpan?)TimeSpan.FromMinutes(5), 2));
        (inherited.Setup!.ToString(), inherited.Test!.ToString()).ShouldBe(("npm ci", "npm test"));
        inherited.Labels.ShouldBe(["fanout"]);
        inherited.Environment.ShouldBe(new Dictionary<string, string> { ["MODEL"] = "fast" });
        inherited.PassTrackerToken.ShouldBeTrue();
    }

    [Fact]
    public void A_preset_the_plan_only_names_gets_an_empty_definition_and_no_retries()
    {
        var plan = _folder.LoadPlan("""
            agent: codex
            tasks:
              - id: a
                prompt: Do it.
            """);

        var settings = plan.SettingsOf(plan.Task("a"));

        (settings.Agent.Name, settings.Agent.Preset, settings.Agent.Command).ShouldBe(("codex", "codex", null));
        (settings.Timeout, settings.Retries, settings.Setup, settings.Test).ShouldBe((null, 0, null, null));
        settings.PassTrackerToken.ShouldBeFalse();
    }

    [Fact]
    public void The_loader_resolves_every_task_and_a_plan_built_by_hand_says_it_was_not_resolved()
    {
        var loaded = _folder.LoadPlan("""
            tasks:
              - id: a
                prompt: A.
              - id: b
                prompt: B.
            """);
        var byHand = new Plan("p", "fanout.yaml", PlanFormat.Fanout, [loaded.Task("a")]);

        loaded.Settings.Keys.Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
        Should.Throw<InvalidOperationException>(() => byHand.SettingsOf(loaded.Task("a"))).Message.ShouldContain("not resolved");
        byHand.Resolved().SettingsOf(loaded.Task("a")).Agent.Name.ShouldBe("claude");
    }
}
