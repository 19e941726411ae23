using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

/// <summary>
/// A kill while a batched registration writes a worktree's records: the admin folder is in place
/// (still marked locked) and the folder exists, but its <c>.git</c> file is empty or was never
/// renamed into place. The next creation checks it out; clean and gc remove it; neither calls it changed.
/// </summary>
public sealed class HalfMadeWorktreeTests
{
    [Fact]
    public async Task Registration_leaves_only_a_whole_git_file_in_the_worktree()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, request) = await SetUpAsync(repository);

        var admin = WorktreeAdmin.Register(paths.CommonDir, request.Path, "ref: refs/heads/" + request.Branch);

        Directory.EnumerateFileSystemEntries(request.Path).Select(Path.GetFileName).ShouldBe([".git"], "the temporary file it was written to was renamed, not left");
        (await File.ReadAllTextAsync(Path.Combine(request.Path, ".git"))).ShouldBe("gitdir: " + admin + "\n");
        File.Exists(Path.Combine(admin, "locked")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_next_creation_checks_out_a_worktree_whose_git_file_a_kill_left_empty_or_missing(bool empty)
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, request) = await SetUpAsync(repository);
        await HalfMakeAsync(repository, paths, request, empty);
        var engine = new WorktreeEngine(paths, ProcessRunner.Instance);

        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        workspace.Reused.ShouldBeTrue("its registration and branch were kept");
        workspace.SetAside.ShouldBeNull("nothing in it was anyone's");
        File.Exists(Path.Combine(workspace.Path, "README.md")).ShouldBeTrue();
        (await repository.GitAsync("-C", workspace.Path, "rev-parse", "--abbrev-ref", "HEAD")).Trim().ShouldBe(request.Branch);
        (await repository.GitAsync("-C", workspace.Path, "status", "--porcelain")).ShouldBeEmpty();
        (await repository.GitAsync("worktree", "list", "--porcelain")).ShouldNotContain("locked");
        Directory.EnumerateFiles(workspace.Path, ".git.*.tmp").ShouldBeEmpty("the interrupted write's leftover is gone");
        (await repository.LinkedWorktreesAsync()).ShouldBe([request.Path]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Clean_removes_a_half_made_worktree_without_force_and_reports_no_changes(bool empty)
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, request) = await SetUpAsync(repository);
        await HalfMakeAsync(repository, paths, request, empty);
        var engine = new WorktreeEngine(paths, ProcessRunner.Instance);
        var cleaner = new WorkspaceCleaner(paths, engine, ProcessRunner.Instance);

        var result = await cleaner.CleanAsync(request.Path, request.Branch, "main", request.BaseCommit, force: false, CancellationToken.None);

        result.Refused.ShouldBeNull();
        result.Inspection.HalfMade.ShouldBeTrue();
        result.Inspection.Changes.ShouldBeEmpty();
        result.WorktreeRemoved.ShouldBeTrue();
        Directory.Exists(request.Path).ShouldBeFalse();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_checked_out_worktree_whose_git_file_is_empty_is_not_taken_for_half_made()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, request) = await SetUpAsync(repository);
        var workspace = await new WorktreeEngine(paths, ProcessRunner.Instance).CreateAsync(request, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(workspace.Path, ".git"), string.Empty);

        WorktreeAdmin.HalfMade(paths.CommonDir, workspace.Path).ShouldBeNull("it was checked out, so what is in it may be someone's work");
        WorktreeAdmin.RepairHalfMade(paths.CommonDir, workspace.Path).ShouldBeFalse();
    }

    private static async Task<(RepositoryPaths Paths, WorkspaceRequest Request)> SetUpAsync(GitRepository repository)
    {
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var baseCommit = (await repository.GitAsync("rev-parse", "HEAD")).Trim();
        return (paths, new WorkspaceRequest("r1", "task-1", WorkspaceNames.Branch("r1", "task-1"), WorkspaceNames.Directory(paths.WorktreeRoot, "r1", "task-1"), baseCommit));
    }

    /// <summary>What a kill between the admin folder's rename and the .git file's leaves: the branch, the registration still marked locked, and a .git file empty or never renamed into place.</summary>
    private static async Task HalfMakeAsync(GitRepository repository, RepositoryPaths paths, WorkspaceRequest request, bool empty)
    {
        await repository.GitAsync("branch", request.Branch, request.BaseCommit);
        var admin = WorktreeAdmin.Register(paths.CommonDir, request.Path, "ref: refs/heads/" + request.Branch);
        await File.WriteAllTextAsync(Path.Combine(admin, "locked"), "initializing\n");
        var dotGit = Path.Combine(request.Path, ".git");
        if (empty)
        {
            await File.WriteAllTextAsync(dotGit, string.Empty);
        }
        else
        {
            File.Delete(dotGit);
            await File.WriteAllTextAsync(Path.Combine(request.Path, ".git.0badf00d.tmp"), "gitd");
        }
    }
}
