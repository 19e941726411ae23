using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class PoolSealTests
{
    [Fact]
    public async Task Claims_read_no_file_of_the_worktree_and_run_no_git_process_in_it()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["README.md"] = "x\n", ["src/a.cs"] = "a\n" });
        var (paths, engine, pool) = await WorktreePoolTests.SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(4, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var inWorktrees = new InWorktreesRunner(paths.WorktreeRoot);
        var claiming = new WorktreePool(paths, engine, inWorktrees);

        var claimed = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => claiming.TryClaimAsync(WorktreePoolTests.Request(paths, $"task-{i}", head), CancellationToken.None)));

        claimed.ShouldAllBe(w => w != null && w.Pooled);
        inWorktrees.Count.ShouldBe(0);
        foreach (var workspace in claimed)
        {
            var git = new Git(workspace!.Path, ProcessRunner.Instance);
            (await git.CurrentBranchAsync(CancellationToken.None)).ShouldBe(workspace.Branch);
            (await git.TryResolveCommitAsync("HEAD", CancellationToken.None)).ShouldBe(head);
            (await git.ChangedPathsAsync(workspace.Path, CancellationToken.None)).ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData("a file added at the top")]
    [InlineData("a file added one folder down")]
    [InlineData("a git add")]
    public async Task A_change_to_a_pooled_worktree_breaks_its_seal_and_it_is_set_aside(string change)
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["README.md"] = "x\n", ["src/a.cs"] = "a\n" });
        var (paths, _, pool) = await WorktreePoolTests.SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var pooled = (await pool.PooledAsync(CancellationToken.None)).ShouldHaveSingleItem().Path;
        var admin = WorktreeLink.AdminDir(pooled)!;
        PoolSeal.Intact(pooled, admin, head).ShouldBeTrue();

        switch (change)
        {
            case "a file added at the top":
                File.WriteAllText(Path.Combine(pooled, "stray.txt"), "someone was here\n");
                break;
            case "a file added one folder down":
                File.WriteAllText(Path.Combine(pooled, "src", "stray.cs"), "someone was here\n");
                break;
            default:
                File.WriteAllText(Path.Combine(pooled, "README.md"), "staged\n");
                await repository.GitAsync("-C", pooled, "add", "README.md");
                break;
        }

        PoolSeal.Intact(pooled, admin, head).ShouldBeFalse();
        (await pool.TryClaimAsync(WorktreePoolTests.Request(paths, "task-1", head), CancellationToken.None)).ShouldBeNull();
        Directory.Exists(Path.Combine(pool.DirtyRoot, Path.GetFileName(pooled))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_broken_seal_on_an_unchanged_worktree_costs_a_full_check_not_the_worktree()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["README.md"] = "x\n", ["src/a.cs"] = "a\n" });
        var (paths, _, pool) = await WorktreePoolTests.SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(1, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var pooled = (await pool.PooledAsync(CancellationToken.None)).ShouldHaveSingleItem().Path;
        Directory.SetLastWriteTimeUtc(Path.Combine(pooled, "src"), DateTime.UtcNow.AddMinutes(-5));

        var workspace = (await pool.TryClaimAsync(WorktreePoolTests.Request(paths, "task-1", head), CancellationToken.None)).ShouldNotBeNull();

        workspace.Pooled.ShouldBeTrue();
        (await new Git(workspace.Path, ProcessRunner.Instance).CurrentBranchAsync(CancellationToken.None)).ShouldBe(workspace.Branch);
    }

    [Fact]
    public async Task Warming_checks_every_pooled_worktree_in_full_and_seals_the_clean_ones_again()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["README.md"] = "x\n", ["src/a.cs"] = "a\n" });
        var (paths, _, pool) = await WorktreePoolTests.SetUpAsync(repository);
        var head = await repository.GitAsync("rev-parse", "HEAD");
        await pool.WarmAsync(new PoolSettings(2, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);
        var pooled = (await pool.PooledAsync(CancellationToken.None)).Select(e => e.Path).ToArray();

        // An edit in place, below the top: the one change a seal cannot see.
        File.WriteAllText(Path.Combine(pooled[0], "src", "a.cs"), "edited in place\n");
        Directory.SetLastWriteTimeUtc(Path.Combine(pooled[1], "src"), DateTime.UtcNow.AddMinutes(-5));
        var result = await pool.WarmAsync(new PoolSettings(2, "main", PoolSettings.DefaultMaxDiskMB), head, CancellationToken.None);

        result.Added.ShouldBe(1);
        Directory.Exists(Path.Combine(pool.DirtyRoot, Path.GetFileName(pooled[0]))).ShouldBeTrue();
        PoolSeal.Intact(pooled[1], WorktreeLink.AdminDir(pooled[1])!, head).ShouldBeTrue();
    }

    /// <summary>Counts git processes that run inside the worktree root: a claim should start none there.</summary>
    private sealed class InWorktreesRunner(string worktreeRoot) : IProcessRunner
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
        {
            if (spec.WorkingDirectory is { } directory && WorkspaceNames.IsConfined(worktreeRoot, directory))
            {
                Interlocked.Increment(ref _count);
            }

            return ProcessRunner.Instance.RunAsync(spec, cancellationToken);
        }
    }
}
