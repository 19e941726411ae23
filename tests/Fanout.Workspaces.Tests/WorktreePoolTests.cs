using Fanout.Core;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class WorktreePoolTests
{
    [Fact]
    public async Task A_claim_gives_a_clean_worktree_on_the_task_branch_at_the_base_commit()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, engine, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        (await pool.WarmAsync(new PoolSettings(3, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None)).Ready.ShouldBe(3);

        var request = Request(paths, "task-1", head);
        var workspace = await pool.TryClaimAsync(request, CancellationToken.None);

        workspace.ShouldNotBeNull();
        workspace.Pooled.ShouldBeTrue();
        await ShouldBeCleanAtAsync(workspace.Path, request.Branch, head);
        (await repository.LinkedWorktreesAsync()).ShouldContain(request.Path);
        (await pool.PooledAsync(CancellationToken.None)).Count.ShouldBe(2);
        (await File.ReadAllTextAsync(Path.Combine(repository.Path, ".git", "config"))).ShouldNotContain("fanout/");
    }

    [Fact]
    public async Task A_pooled_worktree_of_an_older_base_is_handed_out_at_the_new_base_never_stale()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, engine, pool) = await SetUpAsync(repository);
        var old = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), old, CancellationToken.None);
        repository.Write("new.txt", "from the new base\n");
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "--quiet", "-m", "moves the base");
        var moved = await repository.GitAsync("rev-parse", "HEAD");

        var workspace = await pool.TryClaimAsync(Request(paths, "task-1", moved), CancellationToken.None);

        workspace.ShouldNotBeNull();
        await ShouldBeCleanAtAsync(workspace.Path, workspace.Branch, moved);
        (await File.ReadAllTextAsync(Path.Combine(workspace.Path, "new.txt"))).ShouldBe("from the new base\n");
    }

    [Fact]
    public async Task Warming_again_brings_ready_worktrees_to_the_new_base()
    {
        using var repository = await GitRepository.CreateAsync();
        var (_, _, pool) = await SetUpAsync(repository);
        var old = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(2, "main", PoolSettings.DefaultMaxDiskMB), old, CancellationToken.None);
        repository.Write("new.txt", "x\n");
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "--quiet", "-m", "moves the base");
        var moved = await repository.GitAsync("rev-parse", "HEAD");

        var result = await pool.WarmAsync(new PoolSettings(2, "main", PoolSettings.DefaultMaxDiskMB), moved, CancellationToken.None);

        result.ShouldBe(new PoolWarmResult(0, 2, 2, null));
        (await pool.PooledAsync(CancellationToken.None)).Select(e => e.Head).ShouldAllBe(h => h == moved);
    }

    [Fact]
    public async Task Concurrent_claims_never_share_a_worktree_and_fall_back_to_adding_when_the_pool_runs_out()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, engine, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(6, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var provider = new PooledWorkspaceProvider(engine, pool);

        var workspaces = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => provider.CreateAsync(Request(paths, $"task-{i}", head), CancellationToken.None)));
        await provider.FinishRefillAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        workspaces.Count(w => w.Pooled).ShouldBe(6);
        workspaces.Select(w => w.Path).Distinct().Count().ShouldBe(10);
        foreach (var workspace in workspaces)
        {
            await ShouldBeCleanAtAsync(workspace.Path, workspace.Branch, head);
        }

        (await pool.PooledAsync(CancellationToken.None)).Count.ShouldBe(6, "the run refilled the pool to its target");
    }

    [Fact]
    public async Task A_run_refills_to_its_own_size_but_only_once_its_last_worktree_exists()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, engine, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        var provider = new PooledWorkspaceProvider(engine, pool) { RefillTo = new PoolSettings(3, "main", PoolSettings.DefaultMaxDiskMB), Expected = 3 };

        await provider.CreateAsync(Request(paths, "task-1", head), CancellationToken.None);
        await provider.CreateAsync(Request(paths, "task-2", head), CancellationToken.None);
        pool.Refilling.ShouldBeFalse("a refill beside the run's own checkouts would slow them");
        await provider.CreateAsync(Request(paths, "task-3", head), CancellationToken.None);
        await provider.FinishRefillAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        (await pool.PooledAsync(CancellationToken.None)).Count.ShouldBe(3);
        pool.Settings.Target.ShouldBe(3);
    }

    [Fact]
    public async Task Drain_removes_pooled_worktrees_but_keeps_a_changed_one_without_force()
    {
        using var repository = await GitRepository.CreateAsync();
        var (_, _, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(2, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var changed = (await pool.PooledAsync(CancellationToken.None))[0].Path;
        await File.WriteAllTextAsync(Path.Combine(changed, "README.md"), "someone's edit\n");

        var kept = await pool.DrainAsync(force: false, CancellationToken.None);

        kept.ShouldBe([changed]);
        (await pool.PooledAsync(CancellationToken.None)).Select(e => e.Path).ShouldBe([changed]);
        pool.Settings.Target.ShouldBe(0);
        (await pool.DrainAsync(force: true, CancellationToken.None)).ShouldBeEmpty();
        (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Warming_stops_at_the_disk_bound_and_says_so()
    {
        var files = Enumerable.Range(0, 4).ToDictionary(i => $"big{i}.bin", _ => new string('x', 100_000));
        using var repository = await GitRepository.CreateAsync(files);
        var (_, _, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");

        var result = await pool.WarmAsync(new PoolSettings(10, "main", MaxDiskMB: 1), head, CancellationToken.None);

        result.Ready.ShouldBeInRange(1, 3);
        result.Limit.ShouldBe("the pool's disk bound of 1 MB");
        DiskUsage.Of(pool.Root).ShouldBeLessThanOrEqualTo(1024 * 1024);
    }

    [Fact]
    public async Task A_changed_pooled_worktree_is_set_aside_not_handed_out()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, _, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var pooled = (await pool.PooledAsync(CancellationToken.None))[0].Path;
        await File.WriteAllTextAsync(Path.Combine(pooled, "stray.txt"), "someone was here\n");

        (await pool.TryClaimAsync(Request(paths, "task-1", head), CancellationToken.None)).ShouldBeNull();

        var dirty = Path.Combine(pool.DirtyRoot, Path.GetFileName(pooled));
        (await File.ReadAllTextAsync(Path.Combine(dirty, "stray.txt"))).ShouldBe("someone was here\n");
    }

    [Fact]
    public async Task A_claimed_worktree_is_registered_at_its_new_place_as_git_worktree_move_leaves_it()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, engine, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);

        var workspace = (await pool.TryClaimAsync(Request(paths, "task-1", head), CancellationToken.None)).ShouldNotBeNull();
        await repository.GitAsync("worktree", "prune");

        var entry = (await engine.ListAsync(CancellationToken.None)).Where(e => Path.GetFullPath(e.Path) == Path.GetFullPath(workspace.Path)).ToList().ShouldHaveSingleItem();
        entry.Prunable.ShouldBeFalse();
        entry.Branch.ShouldBe(workspace.Branch);
        await repository.GitAsync("worktree", "remove", workspace.Path);
        Directory.Exists(workspace.Path).ShouldBeFalse();
    }

    [Fact]
    public async Task A_rerun_whose_branch_exists_leaves_the_branch_alone_and_the_worktree_in_the_pool()
    {
        using var repository = await GitRepository.CreateAsync();
        var (paths, _, pool) = await SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var request = Request(paths, "task-1", head);
        repository.Write("earlier.txt", "an earlier attempt's work\n");
        await repository.GitAsync("add", "-A");
        await repository.GitAsync("commit", "--quiet", "-m", "earlier attempt");
        var earlier = await repository.GitAsync("rev-parse", "HEAD");
        await repository.GitAsync("branch", request.Branch);
        await repository.GitAsync("reset", "--quiet", "--hard", head);

        (await pool.TryClaimAsync(request, CancellationToken.None)).ShouldBeNull();

        (await repository.GitAsync("rev-parse", request.Branch)).ShouldBe(earlier);
        Directory.Exists(request.Path).ShouldBeFalse();
        var pooled = (await pool.PooledAsync(CancellationToken.None)).ShouldHaveSingleItem();
        pooled.Prunable.ShouldBeFalse();
        pooled.Detached.ShouldBeTrue();
    }

    internal static WorkspaceRequest Request(RepositoryPaths paths, string task, string head) =>
        new("r1", task, WorkspaceNames.Branch("r1", task), WorkspaceNames.Directory(paths.WorktreeRoot, "r1", task), head);

    internal static async Task<(RepositoryPaths Paths, WorktreeEngine Engine, WorktreePool Pool)> SetUpAsync(GitRepository repository)
    {
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var engine = new WorktreeEngine(paths, ProcessRunner.Instance);
        return (paths, engine, new WorktreePool(paths, engine, ProcessRunner.Instance));
    }

    private static async Task ShouldBeCleanAtAsync(string path, string branch, string commit)
    {
        var git = new Git(path, ProcessRunner.Instance);
        (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBe(branch);
        (await git.TryResolveCommitAsync("HEAD", CancellationToken.None)).ShouldBe(commit);
        (await git.ChangedPathsAsync(path, CancellationToken.None)).ShouldBeEmpty();
    }
}
