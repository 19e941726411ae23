using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class WorktreeEngineTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["README.md"] = "# sample\n",
        ["src/app.cs"] = "class App {}\n",
        ["src/deep/util.cs"] = "class Util {}\n",
    };

    [Fact]
    public async Task Creates_a_worktree_on_a_new_branch_at_the_base_commit()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");

        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        workspace.ShouldBe(new Workspace(request.Path, request.Branch, request.BaseCommit));
        workspace.Reused.ShouldBeFalse();
        await ShouldBeCheckedOutAsync(workspace, request.BaseCommit);
        (await repository.LinkedWorktreesAsync()).ShouldBe([request.Path]);
        (await File.ReadAllTextAsync(Path.Combine(repository.Path, ".git", "config"))).ShouldNotContain("fanout/", Case.Sensitive, "no tracking entry may be written");
    }

    [Fact]
    public async Task Returns_the_existing_workspace_for_the_same_request_and_keeps_its_work()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");
        var first = await engine.CreateAsync(request, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "README.md"), "agent's edit\n");

        var again = await engine.CreateAsync(request, CancellationToken.None);

        again.ShouldBe(first with { Reused = true });
        (await File.ReadAllTextAsync(Path.Combine(again.Path, "README.md"))).ShouldBe("agent's edit\n");
        (await repository.LinkedWorktreesAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Finishes_the_checkout_of_a_worktree_registered_without_one()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");
        await repository.GitAsync("worktree", "add", "--quiet", "--no-checkout", "-b", request.Branch, request.Path, request.BaseCommit);

        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        workspace.Reused.ShouldBeTrue();
        await ShouldBeCheckedOutAsync(workspace, request.BaseCommit);
    }

    [Fact]
    public async Task Adds_a_worktree_for_a_branch_that_exists_without_one()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");
        var first = await engine.CreateAsync(request, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "done.txt"), "work\n");
        await new Git(first.Path, ProcessRunner.Instance).CommitAllAsync(first.Path, "work", CancellationToken.None);
        await engine.RemoveAsync(first, force: false, CancellationToken.None);

        var again = await engine.CreateAsync(request, CancellationToken.None);

        again.Reused.ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(again.Path, "done.txt"))).ShouldBe("work\n");
        (await repository.LinkedWorktreesAsync()).ShouldBe([request.Path]);
    }

    [Fact]
    public async Task Repairs_a_registered_worktree_whose_folder_is_gone()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");
        await engine.CreateAsync(request, CancellationToken.None);
        Directory.Delete(request.Path, recursive: true);

        var again = await engine.CreateAsync(request, CancellationToken.None);

        again.Reused.ShouldBeTrue();
        await ShouldBeCheckedOutAsync(again, request.BaseCommit);
        (await repository.LinkedWorktreesAsync()).ShouldBe([request.Path]);
    }

    [Fact]
    public async Task Refuses_a_path_that_is_a_worktree_of_another_branch()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");
        await engine.CreateAsync(request, CancellationToken.None);

        var error = await Should.ThrowAsync<GitException>(() => engine.CreateAsync(request with { Branch = "fanout/other/task-1" }, CancellationToken.None));

        error.Message.ShouldStartWith($"{request.Path} is already a worktree of {request.Branch}, not fanout/other/task-1;");
    }

    [Fact]
    public async Task Refuses_a_path_outside_the_worktree_root()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");

        await Should.ThrowAsync<ArgumentException>(() => engine.CreateAsync(request with { Path = Path.Combine(repository.Parent, "elsewhere") }, CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() => engine.CreateAsync(request with { Path = Path.Combine(request.Path, "..", "..", "..", "x") }, CancellationToken.None));
        Directory.Exists(Path.Combine(repository.Parent, "elsewhere")).ShouldBeFalse();
    }

    [Fact]
    public async Task Removes_a_worktree_but_keeps_its_branch_and_refuses_unsaved_changes_without_force()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await SetUpAsync(repository, "task-1");
        var workspace = await engine.CreateAsync(request, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(workspace.Path, "unsaved.txt"), "x");

        var refused = await Should.ThrowAsync<GitException>(() => engine.RemoveAsync(workspace, force: false, CancellationToken.None));
        refused.Message.ShouldContain("contains modified or untracked files");
        Directory.Exists(workspace.Path).ShouldBeTrue();

        await engine.RemoveAsync(workspace, force: true, CancellationToken.None);
        Directory.Exists(workspace.Path).ShouldBeFalse();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
        (await repository.BranchesAsync()).ShouldContain(request.Branch);
    }

    internal static async Task<(WorktreeEngine Engine, WorkspaceRequest Request)> SetUpAsync(GitRepository repository, string taskId, IProcessRunner? runner = null)
    {
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var baseCommit = await repository.GitAsync("rev-parse", "HEAD");
        var request = new WorkspaceRequest("r1", taskId, WorkspaceNames.Branch("r1", taskId), WorkspaceNames.Directory(paths.WorktreeRoot, "r1", taskId), baseCommit);
        return (new WorktreeEngine(paths, runner ?? ProcessRunner.Instance), request);
    }

    private static async Task ShouldBeCheckedOutAsync(Workspace workspace, string commit)
    {
        var git = new Git(workspace.Path, ProcessRunner.Instance);
        (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBe(workspace.Branch);
        (await git.TryResolveCommitAsync("HEAD", CancellationToken.None)).ShouldBe(commit);
        (await git.ChangedPathsAsync(workspace.Path, CancellationToken.None)).ShouldBeEmpty();
        foreach (var (path, content) in Files)
        {
            (await File.ReadAllTextAsync(Path.Combine(workspace.Path, path))).ShouldBe(content);
        }
    }
}
