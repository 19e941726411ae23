using Fanout.Core;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class LocalRepositoryTests
{
    [Fact]
    public async Task Opens_a_repository_from_a_subfolder_with_a_pool_engine_and_cleaner_that_work_together()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["src/app.cs"] = "//" });
        var head = await repository.GitAsync("rev-parse", "HEAD");

        var local = await LocalRepository.OpenAsync(Path.Combine(repository.Path, "src"), ProcessRunner.Instance, TimeProvider.System, CancellationToken.None);

        local.Paths.ShouldBe(await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None));
        local.Git.RepositoryDirectory.ShouldBe(repository.Path);
        await local.Pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var request = WorktreePoolTests.Request(local.Paths, "task-1", head);
        var workspace = (await local.Pool.TryClaimAsync(request, CancellationToken.None)).ShouldNotBeNull();
        (await local.Worktrees.CreateAsync(request, CancellationToken.None)).Reused.ShouldBeTrue();

        var cleaned = await local.Cleaner.CleanAsync(workspace.Path, workspace.Branch, "main", head, force: false, CancellationToken.None);

        cleaned.WorktreeRemoved.ShouldBeTrue();
        cleaned.BranchDeleted.ShouldBeTrue();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refuses_a_folder_outside_any_repository_as_the_locator_does()
    {
        using var folder = new TempDirectory();

        var error = await Should.ThrowAsync<UserInputException>(() => LocalRepository.OpenAsync(folder.Path, ProcessRunner.Instance, TimeProvider.System, CancellationToken.None));

        error.Message.ShouldBe($"{folder.Path} is not inside a git repository; run `git init` there or pass --repo DIR");
    }

    [Fact]
    public async Task The_engine_removes_a_worktree_by_path_only_under_its_root_and_keeps_changes_unless_forced()
    {
        using var repository = await GitRepository.CreateAsync();
        var local = await LocalRepository.OpenAsync(repository.Path, ProcessRunner.Instance, TimeProvider.System, CancellationToken.None);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var workspace = await local.Worktrees.CreateAsync(WorktreePoolTests.Request(local.Paths, "task-1", head), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(workspace.Path, "README.md"), "changed\n");

        var refused = await Should.ThrowAsync<GitException>(() => local.Worktrees.RemoveWorktreeAsync(workspace.Path, force: false, CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => local.Worktrees.RemoveWorktreeAsync(repository.Path, force: true, CancellationToken.None));
        Directory.Exists(workspace.Path).ShouldBeTrue();
        await local.Worktrees.RemoveWorktreeAsync(workspace.Path, force: true, CancellationToken.None);

        refused.Message.ShouldStartWith($"git worktree remove --end-of-options {workspace.Path} failed (exit 128)");
        Directory.Exists(workspace.Path).ShouldBeFalse();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        (await repository.BranchesAsync()).ShouldContain(workspace.Branch);
    }

    [Fact]
    public async Task The_engine_lists_the_fanout_branches_and_deletes_one()
    {
        using var repository = await GitRepository.CreateAsync();
        var local = await LocalRepository.OpenAsync(repository.Path, ProcessRunner.Instance, TimeProvider.System, CancellationToken.None);
        await repository.GitAsync("branch", "fanout/r1/task-1");
        await repository.GitAsync("branch", "fanout/r1/task-2");
        await repository.GitAsync("branch", "feature");

        (await local.Worktrees.ListBranchesAsync("fanout/", CancellationToken.None)).ShouldBe(["fanout/r1/task-1", "fanout/r1/task-2"]);
        await local.Worktrees.DeleteBranchAsync("fanout/r1/task-1", CancellationToken.None);
        (await local.Worktrees.ListBranchesAsync("fanout/", CancellationToken.None)).ShouldBe(["fanout/r1/task-2"]);

        var missing = await Should.ThrowAsync<GitException>(() => local.Worktrees.DeleteBranchAsync("fanout/r1/task-1", CancellationToken.None));
        missing.Message.ShouldStartWith("git branch --quiet -D -- fanout/r1/task-1 failed (exit 1)");
    }
}
