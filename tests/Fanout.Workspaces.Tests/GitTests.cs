using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitTests
{
    // Hides the machine's own identity so the fallback is what git sees.
    private static readonly Dictionary<string, string?> NoIdentity = new()
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_AUTHOR_NAME"] = null,
        ["GIT_AUTHOR_EMAIL"] = null,
        ["GIT_COMMITTER_NAME"] = null,
        ["GIT_COMMITTER_EMAIL"] = null,
        ["EMAIL"] = null,
    };

    [Fact]
    public async Task Commits_everything_with_the_configured_identity_and_reports_when_nothing_changed()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        repository.Write("src/new.txt", "new\n");
        repository.Write("README.md", "changed\n");

        (await git.CommitAllAsync(repository.Path, "task done", CancellationToken.None)).ShouldBeTrue();
        (await git.CommitAllAsync(repository.Path, "again", CancellationToken.None)).ShouldBeFalse();

        (await repository.GitAsync("log", "-1", "--format=%an <%ae>|%s")).ShouldBe("Fanout Tests <tests@fanout.invalid>|task done");
        (await repository.GitAsync("status", "--porcelain")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Commits_with_a_fallback_identity_when_none_is_configured()
    {
        using var repository = await GitRepository.CreateAsync();
        await repository.GitAsync("config", "--unset", "user.name");
        await repository.GitAsync("config", "--unset", "user.email");
        var git = new Git(repository.Path, ProcessRunner.Instance, NoIdentity);
        repository.Write("a.txt", "a\n");

        (await git.CommitAllAsync(repository.Path, "fallback", CancellationToken.None)).ShouldBeTrue();

        (await repository.GitAsync("log", "-1", "--format=%an <%ae>|%cn <%ce>")).ShouldBe("Fanout <fanout@localhost>|Fanout <fanout@localhost>");
    }

    [Fact]
    public async Task Runs_commit_hooks_and_quotes_their_refusal()
    {
        using var repository = await GitRepository.CreateAsync();
        var hook = repository.Write(".git/hooks/pre-commit", "#!/bin/sh\necho 'lint failed: tabs' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        repository.Write("a.txt", "a\n");
        var git = new Git(repository.Path, ProcessRunner.Instance);

        var error = await Should.ThrowAsync<GitException>(() => git.CommitAllAsync(repository.Path, "blocked", CancellationToken.None));

        error.Message.ShouldStartWith("git commit --quiet -m blocked failed (exit 1): lint failed: tabs");
    }

    [Fact]
    public async Task Counts_commits_a_branch_has_beyond_its_base()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var baseCommit = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("switch", "--quiet", "-c", "fanout/r1/task-1");
        foreach (var name in new[] { "one", "two" })
        {
            repository.Write(name + ".txt", name);
            await git.CommitAllAsync(repository.Path, name, CancellationToken.None);
        }

        (await git.CountCommitsAheadAsync(baseCommit, "fanout/r1/task-1", CancellationToken.None)).ShouldBe(2);
        (await git.CountCommitsAheadAsync(baseCommit, "main", CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Lists_changed_paths_including_untracked_renamed_and_spaced_ones()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["a.txt"] = "a", ["old name.txt"] = "o", ["keep.txt"] = "k" });
        var git = new Git(repository.Path, ProcessRunner.Instance);
        repository.Write("a.txt", "changed");
        repository.Write("deep/dir/new file.txt", "n");
        await repository.GitAsync("mv", "old name.txt", "new name.txt");

        var changed = await git.ChangedPathsAsync(repository.Path, CancellationToken.None);

        changed.ShouldBe(["a.txt", "deep/dir/new file.txt", "new name.txt"], ignoreOrder: true);
        (await git.ChangedPathsAsync(repository.Path, CancellationToken.None)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Answers_questions_about_commits_and_branches()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var head = await repository.GitAsync("rev-parse", "HEAD");

        (await git.TryResolveCommitAsync("main", CancellationToken.None)).ShouldBe(head);
        (await git.TryResolveCommitAsync("no-such-thing", CancellationToken.None)).ShouldBeNull();
        (await git.TryResolveCommitAsync("--all", CancellationToken.None)).ShouldBeNull();
        (await git.BranchExistsAsync("main", CancellationToken.None)).ShouldBeTrue();
        (await git.BranchExistsAsync("fanout/none", CancellationToken.None)).ShouldBeFalse();
        (await git.IsValidBranchNameAsync("fanout/r1/task-1", CancellationToken.None)).ShouldBeTrue();
        (await git.IsValidBranchNameAsync("bad..name", CancellationToken.None)).ShouldBeFalse();
        (await git.IsValidBranchNameAsync("-x", CancellationToken.None)).ShouldBeFalse();
        (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBe("main");

        await repository.GitAsync("switch", "--quiet", "--detach");
        (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_call_quotes_the_command_exit_code_and_gits_last_words()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);

        var error = await Should.ThrowAsync<GitException>(() => git.RunAsync(null, CancellationToken.None, "switch", "no-such-branch"));

        error.Message.ShouldBe("git switch no-such-branch failed (exit 128): fatal: invalid reference: no-such-branch");
        error.Result.ShouldNotBeNull().ExitCode.ShouldBe(128);
        (await git.TryRunAsync(null, CancellationToken.None, "switch", "no-such-branch")).Succeeded.ShouldBeFalse();
    }
}
