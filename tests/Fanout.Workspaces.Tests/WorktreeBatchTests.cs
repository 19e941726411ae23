using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

/// <summary>The engine's metadata step for many requests at once, and the sparse checkouts it makes.</summary>
public sealed class WorktreeBatchTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["README.md"] = "# sample\n",
        ["src/api/client.cs"] = "class Client {}\n",
        ["src/web/page.cs"] = "class Page {}\n",
        ["docs/guide.md"] = "guide\n",
    };

    [Fact]
    public async Task Registers_worktrees_asked_for_at_once_without_a_git_worktree_add_for_any_of_them()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var adds = new CountingRunner("worktree");
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var engine = new WorktreeEngine(paths, adds);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var requests = Enumerable.Range(1, 12).Select(i => Request(paths, $"task-{i}", head)).ToArray();

        var workspaces = await Task.WhenAll(requests.Select(r => engine.CreateAsync(r, CancellationToken.None)));

        adds.Count.ShouldBe(0);
        workspaces.ShouldAllBe(w => !w.Reused);
        (await repository.LinkedWorktreesAsync()).Order(StringComparer.Ordinal).ShouldBe(requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        foreach (var workspace in workspaces)
        {
            var git = new Git(workspace.Path, ProcessRunner.Instance);
            (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBe(workspace.Branch);
            (await git.TryResolveCommitAsync("HEAD", CancellationToken.None)).ShouldBe(head);
            (await git.ChangedPathsAsync(workspace.Path, CancellationToken.None)).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Worktrees_it_registers_are_ones_git_keeps_lists_and_removes()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        await repository.GitAsync("worktree", "prune");
        var entry = (await engine.ListAsync(CancellationToken.None)).Single(e => Path.GetFullPath(e.Path) == workspace.Path);
        entry.Branch.ShouldBe(request.Branch);
        entry.Prunable.ShouldBeFalse();
        entry.Locked.ShouldBeFalse();
        (await repository.GitAsync("-C", workspace.Path, "rev-parse", "--git-common-dir")).ShouldBe(Path.Combine(repository.Path, ".git"));

        await repository.GitAsync("worktree", "remove", workspace.Path);
        Directory.Exists(workspace.Path).ShouldBeFalse();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_branch_in_the_way_of_one_request_leaves_the_others_on_the_quick_path()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var adds = new CountingRunner("add");
        var engine = new WorktreeEngine(paths, adds);
        var requests = Enumerable.Range(1, 3).Select(i => Request(paths, $"task-{i}", head)).ToArray();

        // An earlier attempt of task-2 left its branch, with work on it.
        await repository.GitAsync("switch", "--quiet", "-c", requests[1].Branch);
        repository.Write("earlier.txt", "earlier work\n");
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "--quiet", "-m", "earlier attempt");
        await repository.GitAsync("switch", "--quiet", "main");

        var workspaces = await Task.WhenAll(requests.Select(r => engine.CreateAsync(r, CancellationToken.None)));

        workspaces.Select(w => w.Reused).ShouldBe([false, true, false]);
        (await File.ReadAllTextAsync(Path.Combine(workspaces[1].Path, "earlier.txt"))).ShouldBe("earlier work\n");
        File.Exists(Path.Combine(workspaces[0].Path, "earlier.txt")).ShouldBeFalse();
        adds.Count.ShouldBeLessThanOrEqualTo(2, "only task-2 goes the careful way: a refused add, then the add of its branch");
    }

    [Fact]
    public async Task A_sparse_request_checks_out_only_its_folders_and_the_files_at_the_top()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");

        var workspace = await engine.CreateAsync(request with { Sparse = ["src/api/", "./src/api/deeper"] }, CancellationToken.None);

        workspace.Sparse.ShouldBe(["src/api"]);
        File.Exists(Path.Combine(workspace.Path, "src", "api", "client.cs")).ShouldBeTrue();
        File.Exists(Path.Combine(workspace.Path, "README.md")).ShouldBeTrue();
        File.Exists(Path.Combine(workspace.Path, "src", "web", "page.cs")).ShouldBeFalse();
        Directory.Exists(Path.Combine(workspace.Path, "docs")).ShouldBeFalse();
        (await new Git(workspace.Path, ProcessRunner.Instance).ChangedPathsAsync(workspace.Path, CancellationToken.None)).ShouldBeEmpty();
        (await repository.GitAsync("-C", workspace.Path, "sparse-checkout", "list")).ShouldBe("src/api");
        File.Exists(Path.Combine(repository.Path, "docs", "guide.md")).ShouldBeTrue("the main checkout stays whole");
    }

    [Fact]
    public async Task Work_outside_a_sparse_checkouts_folders_is_committed_too()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1");
        var workspace = await engine.CreateAsync(request with { Sparse = ["src/api"] }, CancellationToken.None);
        File.WriteAllText(Path.Combine(workspace.Path, "src", "api", "client.cs"), "class Client { }\n");
        Directory.CreateDirectory(Path.Combine(workspace.Path, "docs"));
        File.WriteAllText(Path.Combine(workspace.Path, "docs", "api.md"), "api\n");

        var git = new Git(workspace.Path, ProcessRunner.Instance);
        (await git.CommitAllAsync(workspace.Path, "work", CancellationToken.None)).ShouldBeTrue();

        (await repository.GitAsync("show", "--name-only", "--format=", request.Branch)).Split('\n').Order(StringComparer.Ordinal).ShouldBe(["docs/api.md", "src/api/client.cs"]);
        (await repository.GitAsync("show", $"{request.Branch}:docs/guide.md")).ShouldBe("guide");
    }

    [Fact]
    public async Task Tells_its_trace_each_step_of_each_worktree()
    {
        using var repository = await GitRepository.CreateAsync(Files);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var steps = new System.Collections.Concurrent.ConcurrentQueue<WorktreeStep>();
        var engine = new WorktreeEngine(paths, ProcessRunner.Instance) { Trace = steps.Enqueue };

        var workspaces = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => engine.CreateAsync(Request(paths, $"task-{i}", head), CancellationToken.None)));

        foreach (var workspace in workspaces)
        {
            var mine = steps.Where(s => s.Path == workspace.Path).ToArray();
            mine.Select(s => s.Name).ShouldBe([WorktreeStep.LockWait, WorktreeStep.Metadata, WorktreeStep.CheckoutWait, WorktreeStep.Checkout], ignoreOrder: true);
            mine.ShouldAllBe(s => s.End >= s.Start);
        }
    }

    private static WorkspaceRequest Request(RepositoryPaths paths, string task, string head) =>
        new("r1", task, WorkspaceNames.Branch("r1", task), WorkspaceNames.Directory(paths.WorktreeRoot, "r1", task), head);
}
