using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitMergeTests
{
    [Fact]
    public async Task Previewing_a_conflicting_merge_names_the_paths_and_touches_no_working_tree()
    {
        using var repository = await TwoBranchesAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        var head = await repository.GitAsync("rev-parse", "HEAD");

        var conflict = await git.PreviewMergeAsync("left", "right", CancellationToken.None);
        var clean = await git.PreviewMergeAsync("left", "other", CancellationToken.None);

        conflict.Merged.ShouldBeFalse();
        conflict.Conflicts.ShouldBe(["a file.txt", "b.txt"]);
        clean.ShouldBe(MergeResult.Clean);
        (await repository.GitAsync("rev-parse", "HEAD")).ShouldBe(head);
        (await repository.GitAsync("status", "--porcelain")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_conflicting_merge_is_aborted_and_reports_its_paths_and_a_clean_one_commits()
    {
        using var repository = await TwoBranchesAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        await repository.GitAsync("checkout", "-q", "left");
        var before = await repository.GitAsync("rev-parse", "HEAD");

        var conflict = await git.MergeAsync(repository.Path, "right", "merge right", noFastForward: true, CancellationToken.None);

        conflict.Conflicts.ShouldBe(["a file.txt", "b.txt"]);
        (await repository.GitAsync("rev-parse", "HEAD")).ShouldBe(before);
        (await repository.GitAsync("status", "--porcelain")).ShouldBeEmpty();

        (await git.MergeAsync(repository.Path, "other", "merge other", noFastForward: true, CancellationToken.None)).ShouldBe(MergeResult.Clean);
        (await repository.GitAsync("log", "-1", "--format=%s")).ShouldBe("merge other");
        (await git.IsAncestorAsync("other", "left", CancellationToken.None)).ShouldBeTrue();
        (await git.IsAncestorAsync("right", "left", CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Finds_where_a_branch_is_checked_out_and_its_tracked_changes_only()
    {
        using var repository = await TwoBranchesAsync();
        var git = new Git(repository.Path, ProcessRunner.Instance);
        repository.Write("untracked.txt", "new\n");

        (await git.WorktreeOfBranchAsync("main", CancellationToken.None)).ShouldBe(repository.Path);
        (await git.WorktreeOfBranchAsync("left", CancellationToken.None)).ShouldBeNull();
        (await git.TrackedChangesAsync(repository.Path, CancellationToken.None)).ShouldBeEmpty();

        repository.Write("b.txt", "edited\n");
        (await git.TrackedChangesAsync(repository.Path, CancellationToken.None)).ShouldBe(["b.txt"]);
    }

    /// <summary>main with two files; left and right change both on the same line; other adds a file.</summary>
    private static async Task<GitRepository> TwoBranchesAsync()
    {
        var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["a file.txt"] = "base\n", ["b.txt"] = "base\n" });
        foreach (var branch in new[] { "left", "right" })
        {
            await repository.GitAsync("checkout", "-q", "-b", branch, "main");
            repository.Write("a file.txt", branch + "\n");
            repository.Write("b.txt", branch + "\n");
            await repository.GitAsync("commit", "-q", "-am", branch);
        }

        await repository.GitAsync("checkout", "-q", "-b", "other", "main");
        repository.Write("c.txt", "other\n");
        await repository.GitAsync("add", "c.txt");
        await repository.GitAsync("commit", "-q", "-m", "other file");
        await repository.GitAsync("checkout", "-q", "main");
        return repository;
    }
}
