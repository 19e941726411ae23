using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class WorkspaceNamesTests
{
    public static TheoryData<string, string> Components => new()
    {
        { "task-1", "task-1" },
        { "Fix_Login.v2", "Fix_Login.v2" },
        { "add user profile", "add-user-profile" },
        { "a~b^c:d?e*f[g\\h", "a-b-c-d-e-f-g-h" },
        { "two..dots", "two.dots" },
        { "many......dots", "many.dots" },
        { "at@{brace}", "at-brace" },
        { ".hidden", "hidden" },
        { "-option", "option" },
        { "--both--", "both" },
        { "ends.", "ends" },
        { "file.lock", "file" },
        { "x.lock.lock", "x" },
        { "x.LOCK", "x" },
        { "a//b", "a-b" },
        { "a/b", "a-b" },
        { "tab\tand\nnewline\u007f", "tab-and-newline" },
        { "$(rm -rf ~)", "rm-rf" },
        { "quote'\"`;&|<>!", "quote" },
        { "tâche-été", "tâche-été" },
        { "𝒜", "𝒜" },
        { "", "unnamed" },
        { "???", "unnamed" },
        { ".lock", "lock" },
        { "@", "unnamed" },
    };

    [Theory]
    [MemberData(nameof(Components))]
    public void Sanitises_a_component_by_gits_ref_rules(string text, string expected) =>
        WorkspaceNames.SanitizeComponent(text).ShouldBe(expected);

    [Fact]
    public void Caps_a_component_at_sixty_four_characters_without_leaving_a_bad_end()
    {
        WorkspaceNames.SanitizeComponent(new string('a', 100)).ShouldBe(new string('a', 64));
        WorkspaceNames.SanitizeComponent(new string('a', 63) + ".lock").ShouldBe(new string('a', 63));
        WorkspaceNames.SanitizeComponent(new string('a', 63) + "𝒜b").ShouldBe(new string('a', 63));
    }

    [Fact]
    public async Task Sanitised_names_pass_gits_own_branch_check()
    {
        var git = new Git(Path.GetTempPath(), ProcessRunner.Instance);
        var rejected = new List<string>();
        foreach (var text in Components.Select(row => (string)row[0]).Append(new string('x', 200) + ".lock"))
        {
            var branch = WorkspaceNames.Branch("run " + text, text, issue: 7);
            if (!await git.IsValidBranchNameAsync(branch, CancellationToken.None))
            {
                rejected.Add(branch);
            }
        }

        rejected.ShouldBeEmpty();
    }

    [Fact]
    public void Names_branches_and_folders_by_run_and_task()
    {
        WorkspaceNames.Branch("r7k2", "task-1").ShouldBe("fanout/r7k2/task-1");
        WorkspaceNames.Branch("r7k2", "task-1", issue: 42).ShouldBe("fanout/r7k2/42-task-1");
        WorkspaceNames.Branch("r 7", "../up").ShouldBe("fanout/r-7/up");
        WorkspaceNames.Directory("/work/repo.worktrees", "r7k2", "task-1").ShouldBe("/work/repo.worktrees/r7k2/task-1");
        WorkspaceNames.Directory("/work/repo.worktrees/", "r7k2", "task-1", 42).ShouldBe("/work/repo.worktrees/r7k2/42-task-1");
        WorkspaceNames.Directory("/work/repo.worktrees", "..", "..").ShouldBe("/work/repo.worktrees/unnamed/unnamed");
        Should.Throw<ArgumentOutOfRangeException>(() => WorkspaceNames.Branch("r", "t", issue: 0));
    }

    [Theory]
    [InlineData("/w/root", "/w/root/run/task", true)]
    [InlineData("/w/root", "run/task", true)]
    [InlineData("/w/root/", "/w/root/run", true)]
    [InlineData("/", "/anything", true)]
    [InlineData("/w/root", "/w/root", false)]
    [InlineData("/w/root", "/w/root/", false)]
    [InlineData("/w/root", "/w/root/run/../..", false)]
    [InlineData("/w/root", "../root-sibling/x", false)]
    [InlineData("/w/root", "/w/rootish/x", false)]
    [InlineData("/w/root", "/etc/passwd", false)]
    [InlineData("/w/root", "run/../../root/run", true)]
    public void Tells_whether_a_path_stays_inside_the_root(string root, string path, bool confined) =>
        WorkspaceNames.IsConfined(root, path).ShouldBe(confined);

    [Fact]
    public void Refuses_a_folder_that_would_escape_the_root_through_a_relative_root()
    {
        using var folder = new TempDirectory();

        WorkspaceNames.IsConfined(folder.Path, Path.Combine(folder.Path, "..", Path.GetFileName(folder.Path) + "-evil")).ShouldBeFalse();
        WorkspaceNames.Directory(folder.Path, "run", "task").ShouldStartWith(folder.Path + Path.DirectorySeparatorChar);
    }
}
