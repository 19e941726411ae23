using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

/// <summary>Half-created states a crash or a user leaves behind, each met by the next creation.</summary>
public sealed class WorktreeRepairTests
{
    [Fact]
    public async Task Replaces_an_empty_unregistered_folder_in_the_tasks_place()
    {
        using var repository = await GitRepository.CreateAsync();
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        Directory.CreateDirectory(request.Path);

        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        workspace.SetAside.ShouldBeNull();
        File.Exists(Path.Combine(workspace.Path, "README.md")).ShouldBeTrue();
        (await repository.LinkedWorktreesAsync()).ShouldBe([request.Path]);
    }

    [Fact]
    public async Task Moves_an_unregistered_folder_with_files_aside_and_keeps_every_file()
    {
        using var repository = await GitRepository.CreateAsync();
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        Directory.CreateDirectory(Path.Combine(request.Path, "notes"));
        await File.WriteAllTextAsync(Path.Combine(request.Path, "notes", "mine.txt"), "keep me\n");

        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        workspace.SetAside.ShouldNotBeNull();
        workspace.SetAside.ShouldStartWith(engine.SetAsideRoot);
        (await File.ReadAllTextAsync(Path.Combine(workspace.SetAside, "notes", "mine.txt"))).ShouldBe("keep me\n");
        File.Exists(Path.Combine(workspace.Path, "notes", "mine.txt")).ShouldBeFalse();
        File.Exists(Path.Combine(workspace.Path, "README.md")).ShouldBeTrue();
    }

    [Fact]
    public async Task Clears_the_branchs_ref_lock_a_killed_commit_left_and_no_other_branchs()
    {
        using var repository = await GitRepository.CreateAsync();
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        var first = await engine.CreateAsync(request, CancellationToken.None);
        var common = (await repository.GitAsync("-C", first.Path, "rev-parse", "--git-common-dir")).Trim();
        var ownLock = Path.Combine(Path.GetFullPath(common, first.Path), "refs", "heads", request.Branch + ".lock");
        var otherLock = Path.Combine(Path.GetFullPath(common, first.Path), "refs", "heads", "someone-elses.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(ownLock)!);
        await File.WriteAllTextAsync(ownLock, string.Empty);
        await File.WriteAllTextAsync(otherLock, string.Empty);

        var again = await engine.CreateAsync(request, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(again.Path, "work.txt"), "done\n");
        await repository.GitAsync("-C", again.Path, "add", "work.txt");
        await repository.GitAsync("-C", again.Path, "commit", "-q", "-m", "the agent's work");

        again.Reused.ShouldBeTrue();
        File.Exists(ownLock).ShouldBeFalse();
        File.Exists(otherLock).ShouldBeTrue("another branch's lock may be a live git's");
    }

    [Fact]
    public async Task Moves_aside_a_worktree_folder_whose_registration_was_pruned_away()
    {
        using var repository = await GitRepository.CreateAsync();
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        var first = await engine.CreateAsync(request, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "draft.txt"), "unsaved\n");
        var gitDir = (await repository.GitAsync("-C", first.Path, "rev-parse", "--absolute-git-dir")).Trim();
        Directory.Delete(gitDir, recursive: true);

        var again = await engine.CreateAsync(request, CancellationToken.None);

        again.SetAside.ShouldNotBeNull();
        (await File.ReadAllTextAsync(Path.Combine(again.SetAside, "draft.txt"))).ShouldBe("unsaved\n");
        again.Reused.ShouldBeTrue("the branch was kept and checked out again");
        (await repository.LinkedWorktreesAsync()).ShouldBe([request.Path]);
    }

    [Fact]
    public async Task Unlocks_and_prunes_a_locked_registration_whose_folder_is_gone()
    {
        using var repository = await GitRepository.CreateAsync();
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        await engine.CreateAsync(request, CancellationToken.None);
        await repository.GitAsync("worktree", "lock", "--reason", "crashed mid-move", request.Path);
        Directory.Delete(request.Path, recursive: true);

        var again = await engine.CreateAsync(request, CancellationToken.None);

        again.Reused.ShouldBeTrue();
        File.Exists(Path.Combine(again.Path, "README.md")).ShouldBeTrue();
        (await repository.GitAsync("worktree", "list", "--porcelain")).ShouldNotContain("locked");
    }

    [Fact]
    public async Task Leaves_a_locked_worktree_outside_the_root_locked()
    {
        using var repository = await GitRepository.CreateAsync();
        var elsewhere = Path.Combine(repository.Parent, "users-own");
        await repository.GitAsync("worktree", "add", "--quiet", "-b", "mine", elsewhere);
        await repository.GitAsync("worktree", "lock", elsewhere);
        Directory.Delete(elsewhere, recursive: true);
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");

        await engine.CreateAsync(request, CancellationToken.None);
        await engine.PruneAsync(CancellationToken.None);

        (await repository.GitAsync("worktree", "list", "--porcelain")).ShouldContain($"worktree {elsewhere}\nHEAD");
        (await repository.GitAsync("worktree", "list", "--porcelain")).ShouldContain("locked");
    }

    [Fact]
    public async Task Prune_forgets_registrations_whose_folders_are_gone()
    {
        using var repository = await GitRepository.CreateAsync();
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        await engine.CreateAsync(request, CancellationToken.None);
        Directory.Delete(request.Path, recursive: true);

        await engine.PruneAsync(CancellationToken.None);

        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        (await repository.BranchesAsync()).ShouldContain(request.Branch);
    }
}
