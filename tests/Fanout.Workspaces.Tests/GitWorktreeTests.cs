using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitWorktreeTests
{
    [Fact]
    public async Task Adds_worktrees_on_a_new_branch_an_existing_one_and_a_detached_head_without_checking_them_out()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("branch", "existing");

        // Tracking would be written to .git/config, which concurrent adds fail to lock.
        await repository.GitAsync("config", "branch.autoSetupMerge", "always");
        var (fresh, ofBranch, detached) = (Place(repository, "fresh"), Place(repository, "of-branch"), Place(repository, "detached"));

        await git.AddWorktreeAsync(fresh, "fanout/r1/fresh", "main", CancellationToken.None);
        await git.AddWorktreeOfBranchAsync(ofBranch, "existing", CancellationToken.None);
        await git.AddDetachedWorktreeAsync(detached, head, CancellationToken.None);

        var worktrees = (await git.ListWorktreesAsync(CancellationToken.None)).Select(w => (w.Path, w.Branch, w.Head)).ToArray();
        worktrees[0].ShouldBe((repository.Path, "main", head));
        worktrees[1..].ShouldBe([(fresh, "fanout/r1/fresh", head), (ofBranch, "existing", head), (detached, null, head)], ignoreOrder: true);
        File.Exists(Path.Combine(fresh, "README.md")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(repository.Path, ".git", "config")).ShouldNotContain("[branch \"");
    }

    [Fact]
    public async Task An_add_in_the_way_of_an_existing_branch_or_worktree_names_the_command()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var first = Place(repository, "first");
        await git.AddWorktreeAsync(first, "fanout/r1/first", "main", CancellationToken.None);

        var branchTaken = await Should.ThrowAsync<GitException>(() => git.AddWorktreeAsync(Place(repository, "second"), "fanout/r1/first", "main", CancellationToken.None));
        var checkedOut = await Should.ThrowAsync<GitException>(() => git.AddWorktreeOfBranchAsync(Place(repository, "third"), "main", CancellationToken.None));
        var noCommit = await Should.ThrowAsync<GitException>(() => git.AddDetachedWorktreeAsync(Place(repository, "fourth"), "no-such-commit", CancellationToken.None));

        branchTaken.Message.ShouldStartWith("git worktree add --quiet --no-checkout --no-track -b fanout/r1/first --end-of-options ");
        branchTaken.Message.ShouldContain("already exists");
        checkedOut.Message.ShouldStartWith("git worktree add --quiet --no-checkout --end-of-options ");
        noCommit.Message.ShouldStartWith("git worktree add --quiet --no-checkout --detach --end-of-options ");
    }

    [Fact]
    public async Task Moves_and_removes_a_worktree_and_refuses_one_with_changes_unless_forced()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var (from, to) = (Place(repository, "from"), Place(repository, "to"));
        await git.AddDetachedWorktreeAsync(from, "main", CancellationToken.None);
        await git.ResetHardAsync(from, null, CancellationToken.None);

        await git.MoveWorktreeAsync(from, to, CancellationToken.None);
        File.WriteAllText(Path.Combine(to, "README.md"), "changed\n");
        var refused = await Should.ThrowAsync<GitException>(() => git.RemoveWorktreeAsync(to, force: false, CancellationToken.None));
        Directory.Exists(to).ShouldBeTrue();
        await git.RemoveWorktreeAsync(to, force: true, CancellationToken.None);

        refused.Message.ShouldStartWith($"git worktree remove --end-of-options {to} failed (exit 128)");
        Directory.Exists(from).ShouldBeFalse();
        Directory.Exists(to).ShouldBeFalse();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        var missing = await Should.ThrowAsync<GitException>(() => git.MoveWorktreeAsync(from, to, CancellationToken.None));
        missing.Message.ShouldStartWith($"git worktree move --end-of-options {from} {to} failed");
    }

    [Fact]
    public async Task Prunes_registrations_whose_folders_are_gone_once_unlocked()
    {
        using var repository = await GitRepository.CreateAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var (locked, plain) = (Place(repository, "locked"), Place(repository, "plain"));
        await git.AddDetachedWorktreeAsync(locked, "main", CancellationToken.None);
        await git.AddDetachedWorktreeAsync(plain, "main", CancellationToken.None);
        await repository.GitAsync("worktree", "lock", locked);
        Directory.Delete(locked, recursive: true);
        Directory.Delete(plain, recursive: true);

        await git.PruneWorktreesAsync(CancellationToken.None);
        (await repository.LinkedWorktreesAsync()).ShouldBe([locked]);
        (await git.ListWorktreesAsync(CancellationToken.None))[1].Locked.ShouldBeTrue();

        await git.UnlockWorktreeAsync(locked, CancellationToken.None);
        await git.PruneWorktreesAsync(CancellationToken.None);
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        var notLocked = await Should.ThrowAsync<GitException>(() => git.UnlockWorktreeAsync(repository.Path, CancellationToken.None));
        notLocked.Message.ShouldStartWith("git worktree unlock --end-of-options ");
    }

    [Fact]
    public async Task Listing_worktrees_outside_a_repository_names_the_command()
    {
        using var folder = new TempDirectory();
        var git = new Git(folder.Path, ProcessRunner.Instance);

        var error = await Should.ThrowAsync<GitException>(() => git.ListWorktreesAsync(CancellationToken.None));

        error.Message.ShouldStartWith("git worktree list --porcelain -z failed (exit 128): fatal: not a git repository");
    }

    private static string Place(GitRepository repository, string name) => Path.Combine(repository.Parent, "repo.worktrees", "r1", name);
}
