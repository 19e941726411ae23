using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class FanoutPlanTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Loads_every_field_of_a_full_plan()
    {
        _folder.Write("tasks/login-form.md", "---\nowner: web\n---\n\nBuild the login form.\n");
        var plan = _folder.LoadPlan("""
            name: login-overhaul
            base: main
            tracker: github
            agent: edit
            agents:
              edit:
                command: [sh, ./agent.sh, "{task}", "{prompt_file}"]
                timeout: 1h30m
                env: {MODEL: small}
              tuned:
                preset: codex
                options:
                  model: o4
            setup: npm ci
            test: [npm, test]
            include: [.env, .env.local]
            maxParallel: 20
            tasks:
              - id: api-client
                title: Add the API client
                prompt: |
                  Write src/api/client.ts.
                labels: [backend]
                priority: 1
                agent: tuned
              - id: login-form
                file: tasks/login-form.md
                dependsOn: api-client
                setup: [make, deps]
                test: npm run test:ui
            """);

        plan.Name.ShouldBe("login-overhaul");
        plan.Format.ShouldBe(PlanFormat.Fanout);
        plan.SourceFile.ShouldBe(_folder.Combine("fanout.yaml"));
        (plan.Base, plan.Tracker, plan.Agent, plan.MaxParallel).ShouldBe(("main", "github", "edit", (int?)20));
        plan.Include.ShouldBe([".env", ".env.local"]);
        plan.Setup!.Shell.ShouldBe("npm ci");
        plan.Setup.Position.ShouldBe(new SourcePosition(plan.SourceFile, 14, 8));
        plan.Test!.Argv.ShouldBe(["npm", "test"]);

        var edit = plan.Agents["edit"];
        edit.Command!.Argv.ShouldBe(["sh", "./agent.sh", "{task}", "{prompt_file}"]);
        edit.Timeout.ShouldBe(TimeSpan.FromMinutes(90));
        edit.Environment.ShouldBe(new Dictionary<string, string> { ["MODEL"] = "small" });
        edit.Position.ShouldBe(new SourcePosition(plan.SourceFile, 6, 3));
        plan.Agents["tuned"].Preset.ShouldBe("codex");
        plan.Agents["tuned"].Options["model"].ShouldBe("o4");

        var api = plan.Task("api-client");
        (api.Title, api.Prompt, api.Priority, api.Agent).ShouldBe(("Add the API client", "Write src/api/client.ts.\n", "1", "tuned"));
        api.Labels.ShouldBe(["backend"]);
        api.Position.ShouldBe(new SourcePosition(plan.SourceFile, 19, 5));
        plan.AgentOf(api).ShouldBe("tuned");

        var form = plan.Task("login-form");
        form.Title.ShouldBe("login-form");
        form.Prompt.ShouldBe("Build the login form.\n");
        form.PromptFile.ShouldBe(_folder.Combine("tasks", "login-form.md"));
        form.DependsOn.ShouldBe(["api-client"]);
        form.Setup!.Argv.ShouldBe(["make", "deps"]);
        form.Test!.Shell.ShouldBe("npm run test:ui");
        plan.AgentOf(form).ShouldBe("edit");
        plan.DependencyOrder.ShouldBe(["api-client", "login-form"]);
    }

    [Fact]
    public void Fills_defaults_for_a_minimal_plan()
    {
        var plan = _folder.LoadPlan("""
            tasks:
              - id: only
                prompt: Do it.
            """);

        plan.Name.ShouldBe(Path.GetFileName(_folder.Path));
        (plan.Base, plan.Tracker, plan.Agent, plan.MaxParallel).ShouldBe((null, "local", "claude", null));
        (plan.Setup, plan.Test).ShouldBe((null, null));
        plan.Agents.ShouldBeEmpty();
        plan.Include.ShouldBeEmpty();
        var task = plan.Tasks.ShouldHaveSingleItem();
        (task.Title, task.Prompt, task.PromptFile, task.Agent).ShouldBe(("only", "Do it.", null, null));
    }

    [Fact]
    public void Agent_override_replaces_the_plan_agent()
    {
        var plan = _folder.LoadPlan(
            """
            agent: claude
            tasks:
              - id: only
                prompt: Do it.
            """,
            new PlanLoadOptions { AgentOverride = "codex" });

        plan.Agent.ShouldBe("codex");
    }

    [Fact]
    public void An_agent_entry_named_after_a_preset_tunes_that_preset()
    {
        var plan = _folder.LoadPlan("""
            agents:
              claude:
                timeout: 90
                options: {model: opus}
            tasks:
              - id: only
                prompt: Do it.
            """);

        var claude = plan.Agents["claude"];
        (claude.Preset, claude.Command, claude.Timeout).ShouldBe(("claude", null, TimeSpan.FromSeconds(90)));
        claude.Options["model"].ShouldBe("opus");
    }

    [Fact]
    public void Takes_a_prompt_file_without_front_matter_as_it_is()
    {
        _folder.Write("prompts/a.txt", "---\nnot front matter in a text file\n---\n");
        var plan = _folder.LoadPlan("""
            tasks:
              - id: a
                file: prompts/a.txt
            """);

        plan.Tasks[0].Prompt.ShouldBe("---\nnot front matter in a text file\n---\n");
    }
}
