using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitBranchTests
{
    [Fact]
    public async Task Lists_the_branches_under_a_prefix_only()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        foreach (var branch in new[] { "fanout/r1/a", "fanout/r2/b", "fanoutish", "other/fanout/c" })
        {
            await repository.GitAsync("branch", branch);
        }

        (await git.ListBranchesAsync("fanout/", CancellationToken.None)).ShouldBe(["fanout/r1/a", "fanout/r2/b"]);
        (await git.ListBranchesAsync("none/", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deletes_a_branch_with_unmerged_commits_and_names_the_command_for_one_that_is_missing()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        await repository.GitAsync("switch", "--quiet", "-c", "fanout/r1/work");
        repository.Write("work.txt", "work\n");
        await git.CommitAllAsync(repository.Path, "work", CancellationToken.None);
        await repository.GitAsync("switch", "--quiet", "main");

        await git.DeleteBranchAsync("fanout/r1/work", CancellationToken.None);

        (await git.BranchExistsAsync("fanout/r1/work", CancellationToken.None)).ShouldBeFalse();
        var error = await Should.ThrowAsync<GitException>(() => git.DeleteBranchAsync("fanout/r1/work", CancellationToken.None));
        error.Message.ShouldBe("git branch --quiet -D -- fanout/r1/work failed (exit 1): error: branch 'fanout/r1/work' not found.");
    }

    [Fact]
    public async Task Moves_a_branch_only_while_it_points_where_expected()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var first = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("commit", "--quiet", "--allow-empty", "-m", "second");
        var second = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("branch", "target", first);

        await git.UpdateBranchAsync("target", second, first, "fast-forward", CancellationToken.None);
        (await git.TryResolveCommitAsync("target", CancellationToken.None)).ShouldBe(second);

        var error = await Should.ThrowAsync<GitException>(() => git.UpdateBranchAsync("target", first, first, "stale", CancellationToken.None));
        error.Message.ShouldStartWith($"git update-ref -m stale refs/heads/target {first} {first} failed (exit 128)");
        (await git.TryResolveCommitAsync("target", CancellationToken.None)).ShouldBe(second);
    }

    [Fact]
    public async Task Counts_the_commits_only_one_branch_has()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        await repository.GitAsync("switch", "--quiet", "-c", "fanout/r1/work");
        foreach (var name in new[] { "one", "two" })
        {
            await repository.GitAsync("commit", "--quiet", "--allow-empty", "-m", name);
        }

        var tip = await repository.GitAsync("rev-parse", "HEAD");
        (await git.CountCommitsOnlyOnBranchAsync("fanout/r1/work", tip, CancellationToken.None)).ShouldBe(2);

        await repository.GitAsync("branch", "keeper", "HEAD~1");
        (await git.CountCommitsOnlyOnBranchAsync("fanout/r1/work", tip, CancellationToken.None)).ShouldBe(1);

        var error = await Should.ThrowAsync<GitException>(() => git.CountCommitsOnlyOnBranchAsync("fanout/r1/work", "no-such-commit", CancellationToken.None));
        error.Message.ShouldStartWith("git rev-list --count no-such-commit --not --exclude=fanout/r1/work --branches --remotes failed (exit 128)");
        await Should.ThrowAsync<ArgumentException>(() => git.CountCommitsOnlyOnBranchAsync("fanout/r1/work", "--all", CancellationToken.None));
    }
}
