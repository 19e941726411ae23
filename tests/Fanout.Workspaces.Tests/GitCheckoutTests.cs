using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitCheckoutTests
{
    [Fact]
    public async Task Resets_a_worktree_to_its_head_or_to_a_revision()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var first = await repository.GitAsync("rev-parse", "HEAD");
        repository.Write("second.txt", "second\n");
        await git.CommitAllAsync(repository.Path, "second", CancellationToken.None);
        repository.Write("README.md", "edited\n");

        await git.ResetHardAsync(repository.Path, null, CancellationToken.None);
        (await git.ChangedPathsAsync(repository.Path, CancellationToken.None)).ShouldBeEmpty();

        // A file named like the revision must not turn it into a path.
        repository.Write("HEAD~1", "a file\n");
        await repository.GitAsync("add", "HEAD~1");
        await git.CommitAllAsync(repository.Path, "a file named HEAD~1", CancellationToken.None);
        await git.ResetHardAsync(repository.Path, "HEAD~1", CancellationToken.None);
        (await repository.GitAsync("log", "-1", "--format=%s")).ShouldBe("second");

        var error = await Should.ThrowAsync<GitException>(() => git.ResetHardAsync(repository.Path, "no-such-commit", CancellationToken.None));
        error.Message.ShouldStartWith("git reset --hard --quiet no-such-commit -- failed (exit 128)");
        await Should.ThrowAsync<ArgumentException>(() => git.ResetHardAsync(repository.Path, "--merge", CancellationToken.None));
        (await git.TryResolveCommitAsync("HEAD~1", CancellationToken.None)).ShouldBe(first);
    }

    [Fact]
    public async Task Checks_out_a_new_branch_in_a_worktree_and_refuses_one_that_exists()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("config", "branch.autoSetupMerge", "always");

        await git.CheckoutNewBranchAsync(repository.Path, "fanout/r1/task-1", "main", CancellationToken.None);
        (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBe("fanout/r1/task-1");
        File.ReadAllText(Path.Combine(repository.Path, ".git", "config")).ShouldNotContain("[branch \"");

        var error = await Should.ThrowAsync<GitException>(() => git.CheckoutNewBranchAsync(repository.Path, "main", head, CancellationToken.None));
        error.Message.ShouldBe($"git checkout --quiet --no-track -b main {head} -- failed (exit 128): fatal: a branch named 'main' already exists");
    }

    [Fact]
    public async Task Detaches_a_worktree_at_a_commit()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var first = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("commit", "--quiet", "--allow-empty", "-m", "second");

        await git.DetachAsync(repository.Path, first, CancellationToken.None);

        (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBeNull();
        (await git.TryResolveCommitAsync("HEAD", CancellationToken.None)).ShouldBe(first);
        var error = await Should.ThrowAsync<GitException>(() => git.DetachAsync(repository.Path, "no-such-commit", CancellationToken.None));
        error.Message.ShouldStartWith("git checkout --quiet --detach no-such-commit -- failed (exit 128)");
    }

    [Fact]
    public async Task Fast_forwards_a_checked_out_branch_and_refuses_when_it_has_diverged()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        await repository.GitAsync("branch", "ahead");
        await repository.GitAsync("switch", "--quiet", "ahead");
        await repository.GitAsync("commit", "--quiet", "--allow-empty", "-m", "ahead");
        var ahead = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("switch", "--quiet", "main");

        await git.FastForwardAsync(repository.Path, "ahead", CancellationToken.None);
        (await git.TryResolveCommitAsync("main", CancellationToken.None)).ShouldBe(ahead);

        await repository.GitAsync("commit", "--quiet", "--allow-empty", "-m", "main moves on");
        await repository.GitAsync("switch", "--quiet", "ahead");
        await repository.GitAsync("commit", "--quiet", "--allow-empty", "-m", "ahead again");
        await repository.GitAsync("switch", "--quiet", "main");
        var before = await repository.GitAsync("rev-parse", "HEAD");
        var error = await Should.ThrowAsync<GitException>(() => git.FastForwardAsync(repository.Path, "ahead", CancellationToken.None));
        error.Message.ShouldStartWith("git merge --ff-only --quiet --end-of-options ahead failed (exit 128)");
        (await repository.GitAsync("rev-parse", "HEAD")).ShouldBe(before);
    }
}
