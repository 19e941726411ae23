using Fanout.Core;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>
/// Every path a plan names is resolved, links followed, and must lie inside the repository; otherwise
/// the plan is refused where it named the path. The repository here is a folder with a <c>.git</c>
/// folder in it, beside a folder with a secret in it.
/// </summary>
public sealed class ConfinementTests : IDisposable
{
    private readonly TempDirectory _root = new("fanout-confine");

    public ConfinementTests()
    {
        Directory.CreateDirectory(_root.Combine("repo", ".git"));
        _root.Write("outside/secret.md", "root:x:0:0:root:/root:/bin/bash\n");
        _root.Write("repo/tasks/ok.md", "Do the thing.\n");
    }

    private string Repo => _root.Combine("repo");

    private string Secret => _root.Combine("outside", "secret.md");

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("../outside/secret.md")]
    [InlineData("tasks/../../outside/secret.md")]
    public void A_prompt_file_that_climbs_out_is_refused_where_it_is_named(string file)
    {
        var error = Errors(Task($"file: {file}")).ShouldHaveSingleItem();

        error.ShouldBeAt(3, 11, $"prompt file '{file}' of task 'a' is outside the repository {Repo}; a plan may only name files inside the repository it runs in");
    }

    [Fact]
    public void An_absolute_prompt_file_outside_is_refused()
    {
        Errors(Task($"file: {Secret}")).ShouldHaveSingleItem().Message.ShouldStartWith($"prompt file '{Secret}' of task 'a' is outside the repository");
    }

    [Fact]
    public void A_prompt_file_that_is_a_link_out_is_refused_and_never_read()
    {
        File.CreateSymbolicLink(_root.Combine("repo", "tasks", "evil.md"), Secret);

        var error = Errors(Task("file: tasks/evil.md")).ShouldHaveSingleItem();

        error.Message.ShouldStartWith("prompt file 'tasks/evil.md' of task 'a' leads through a symbolic link to ");
        error.Message.ShouldContain("secret.md, outside the repository");
        error.ToString().ShouldNotContain("root:x");
    }

    [Fact]
    public void A_prompt_file_under_a_folder_link_out_is_refused()
    {
        Directory.CreateSymbolicLink(_root.Combine("repo", "shared"), _root.Combine("outside"));

        Errors(Task("file: shared/secret.md")).ShouldHaveSingleItem().Message.ShouldContain("leads through a symbolic link");
    }

    [Fact]
    public void A_prompt_file_and_a_link_that_stay_inside_are_read()
    {
        File.CreateSymbolicLink(_root.Combine("repo", "tasks", "alias.md"), "ok.md");

        var plan = Load(Task("file: tasks/alias.md"));

        plan.Tasks.ShouldHaveSingleItem().Prompt.ShouldBe("Do the thing.\n");
    }

    [Fact]
    public void The_root_given_by_the_run_wins_over_the_git_folder_above_the_plan()
    {
        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(_root.Write("repo/fanout.yaml", Task("file: tasks/ok.md")), new PlanLoadOptions { RepositoryRoot = _root.Combine("repo", "tasks", "sub") }))
            .Problems.ShouldHaveSingleItem();

        error.Message.ShouldContain("is outside the repository");
    }

    [Fact]
    public void Without_a_git_folder_the_plans_own_folder_is_the_root()
    {
        using var loose = new TempDirectory("fanout-loose");
        loose.Write("plans/fanout.yaml", Task("file: ../prompt.md"));
        loose.Write("prompt.md", "Up one.");

        Should.Throw<UserInputException>(() => PlanLoader.Load(Path.Combine(loose.Path, "plans", "fanout.yaml"))).Problems.ShouldHaveSingleItem().Message.ShouldContain("is outside the repository");
    }

    [Theory]
    [InlineData("../outside/*.md", "climbs out with '..'")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("~/.ssh/id_rsa", "is an absolute path")]
    public void An_include_glob_that_leads_out_is_refused(string glob, string reason)
    {
        var error = Errors($"include: ['{glob}']\n" + Task("prompt: x")).ShouldHaveSingleItem();

        (error.Position!.Line, error.Position.Column).ShouldBe((1, 11));
        error.Message.ShouldStartWith($"include pattern '{glob}' {reason}");
    }

    [Fact]
    public void An_include_glob_through_a_folder_link_out_is_refused()
    {
        Directory.CreateSymbolicLink(_root.Combine("repo", "config"), _root.Combine("outside"));

        Errors("include: ['config/*.md']\n" + Task("prompt: x")).ShouldHaveSingleItem().Message.ShouldContain("leads through a symbolic link");
    }

    [Fact]
    public void A_worktreeinclude_line_that_climbs_out_is_refused_at_its_own_line()
    {
        _root.Write("repo/.worktreeinclude", "# local files\n.env\n  ../outside/secret.md\n");

        var error = Errors(Task("prompt: x")).ShouldHaveSingleItem();

        error.Position.ShouldBe(new SourcePosition(Path.Combine(Repo, ".worktreeinclude"), 3, 3));
        error.Message.ShouldStartWith("pattern '../outside/secret.md' climbs out with '..'");
    }

    [Fact]
    public void A_worktreeinclude_that_is_a_link_out_is_refused()
    {
        File.CreateSymbolicLink(_root.Combine("repo", ".worktreeinclude"), Secret);

        Errors(Task("prompt: x")).ShouldHaveSingleItem().Message.ShouldStartWith("'.worktreeinclude' leads through a symbolic link");
    }

    [Theory]
    [InlineData("files: [../outside/secret.md]", 4, 13)]
    [InlineData("files: [src/ok.ts, /etc/passwd]", 4, 24)]
    public void A_files_hint_outside_is_refused(string line, int row, int column)
    {
        var error = Errors(Task("prompt: x", line)).ShouldHaveSingleItem();

        (error.Position!.Line, error.Position.Column).ShouldBe((row, column));
        error.Message.ShouldContain("in 'files' of task 'a' is outside the repository");
    }

    [Theory]
    [InlineData("setup: ../outside/run.sh --fast", "'../outside/run.sh' in 'setup'")]
    [InlineData("setup: sh ../../x.sh", "'../../x.sh' in 'setup'")]
    [InlineData("test: [sh, ../outside/test.sh]", "'../outside/test.sh' in 'test'")]
    public void A_script_a_command_names_outside_is_refused(string line, string named)
    {
        Errors(line + "\n" + Task("prompt: x")).ShouldHaveSingleItem().Message.ShouldStartWith(named + " is outside the repository");
    }

    [Fact]
    public void Commands_that_name_the_machines_programs_or_files_inside_are_fine()
    {
        var plan = Load("setup: ./scripts/setup.sh && /usr/bin/env true\ntest: [/bin/sh, -c, 'exit 0', scripts/test.sh, --out=../x]\n" + Task("prompt: x"));

        plan.Setup!.Shell.ShouldStartWith("./scripts/setup.sh");
    }

    [Fact]
    public void A_contextune_task_file_outside_is_refused_at_its_entry()
    {
        _root.Write("repo/.parallel/plans/plan.yaml", """
            metadata: {name: x}
            tasks:
              - id: task-0
                file: ../../../outside/secret.md
            """);

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(_root.Combine("repo", ".parallel", "plans", "plan.yaml"))).Problems.ShouldHaveSingleItem();

        error.ShouldBeAt(4, 11, $"task file '../../../outside/secret.md' of task 'task-0' is outside the repository {Repo}; a plan may only name files inside the repository it runs in");
    }

    [Fact]
    public void A_ccpm_task_file_that_is_a_link_out_is_refused_and_never_read()
    {
        _root.Write("repo/.claude/epics/e/epic.md", "---\nname: e\n---\nThe epic.\n");
        _root.Write("repo/.claude/epics/e/001.md", "---\nname: one\n---\nDo one.\n");
        File.CreateSymbolicLink(_root.Combine("repo", ".claude", "epics", "e", "002.md"), Secret);

        var error = Should.Throw<UserInputException>(() => PlanLoader.Load(_root.Combine("repo", ".claude", "epics", "e"))).Problems.ShouldHaveSingleItem();

        error.Message.ShouldStartWith("task file '");
        error.Message.ShouldContain("002.md' leads through a symbolic link");
        error.ToString().ShouldNotContain("root:x");
    }

    private static string Task(string prompt, string? extra = null) =>
        $"tasks:\n  - id: a\n    {prompt}\n" + (extra is null ? string.Empty : $"    {extra}\n");

    private IReadOnlyList<InputProblem> Errors(string yaml) =>
        Should.Throw<UserInputException>(() => PlanLoader.Load(_root.Write("repo/fanout.yaml", yaml))).Problems;

    private Plan Load(string yaml) => PlanLoader.Load(_root.Write("repo/fanout.yaml", yaml));
}
