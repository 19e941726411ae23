using System.Net;
using System.Net.Sockets;

using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class EnvironmentPreparerTests
{
    [Fact]
    public async Task Copies_ignored_include_files_from_the_plan_and_worktreeinclude_but_never_tracked_ones()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string>
        {
            [".gitignore"] = ".env\nconfig/local.json\nsecrets/\n",
            [".worktreeinclude"] = "# local config\nconfig/*.json\nsecrets\n",
            ["tracked.env"] = "tracked\n",
            ["config/app.json"] = "{\"tracked\": true}\n",
        });
        repository.Write(".env", "TOKEN=1\n");
        repository.Write("config/local.json", "{\"local\": true}\n");
        repository.Write("secrets/deep/key.txt", "k\n");
        repository.Write("config/app.json", "{\"changed in the main checkout\": true}\n");
        repository.Write("untracked-not-ignored.env", "no\n");
        var (paths, workspace) = await WorkspaceAsync(repository);
        var preparer = new EnvironmentPreparer(paths, [".env", "*.env"], ProcessRunner.Instance);

        var prepared = await preparer.PrepareAsync("r1", "task-1", workspace.Path, CancellationToken.None);

        prepared.Included.Order().ShouldBe([".env", "config/local.json", "secrets/deep/key.txt"]);
        (await File.ReadAllTextAsync(Path.Combine(workspace.Path, ".env"))).ShouldBe("TOKEN=1\n");
        (await File.ReadAllTextAsync(Path.Combine(workspace.Path, "secrets", "deep", "key.txt"))).ShouldBe("k\n");
        (await File.ReadAllTextAsync(Path.Combine(workspace.Path, "config", "app.json"))).ShouldBe("{\"tracked\": true}\n");
        File.Exists(Path.Combine(workspace.Path, "untracked-not-ignored.env")).ShouldBeFalse();
    }

    [Fact]
    public async Task Keeps_an_include_file_the_worktree_already_has()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { [".gitignore"] = ".env\n" });
        repository.Write(".env", "from the repository\n");
        var (paths, workspace) = await WorkspaceAsync(repository);
        await File.WriteAllTextAsync(Path.Combine(workspace.Path, ".env"), "the agent's\n");

        var prepared = await new EnvironmentPreparer(paths, [".env"], ProcessRunner.Instance).PrepareAsync("r1", "task-1", workspace.Path, CancellationToken.None);

        prepared.Included.ShouldBeEmpty();
        (await File.ReadAllTextAsync(Path.Combine(workspace.Path, ".env"))).ShouldBe("the agent's\n");
    }

    [Fact]
    public async Task Stores_a_dependency_folder_after_setup_and_gives_later_worktrees_their_own_copy_not_a_link()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string>
        {
            [".gitignore"] = "node_modules/\n",
            ["package-lock.json"] = "{\"lockfileVersion\": 3}\n",
        });
        var (paths, first) = await WorkspaceAsync(repository, "task-1");
        var preparer = new EnvironmentPreparer(paths, [], ProcessRunner.Instance);
        var firstEnvironment = await preparer.PrepareAsync("r1", "task-1", first.Path, CancellationToken.None);
        firstEnvironment.Restored.ShouldBeEmpty();
        repository.Write(Path.Combine(first.Path, "node_modules", "left-pad", "index.js"), "module.exports = 1;\n");
        (await preparer.StoreAsync(firstEnvironment, first.Path, CancellationToken.None)).ShouldHaveSingleItem().Folder.ShouldBe("node_modules");

        var (_, second) = await WorkspaceAsync(repository, "task-2");
        var secondEnvironment = await preparer.PrepareAsync("r1", "task-2", second.Path, CancellationToken.None);

        secondEnvironment.Restored.ShouldHaveSingleItem().Folder.ShouldBe("node_modules");
        var copied = new FileInfo(Path.Combine(second.Path, "node_modules", "left-pad", "index.js"));
        (await File.ReadAllTextAsync(copied.FullName)).ShouldBe("module.exports = 1;\n");
        copied.LinkTarget.ShouldBeNull();
        new DirectoryInfo(Path.Combine(second.Path, "node_modules")).LinkTarget.ShouldBeNull();
        await File.WriteAllTextAsync(copied.FullName, "changed by this worktree's install\n");
        (await File.ReadAllTextAsync(Path.Combine(preparer.Cache.Root, secondEnvironment.Restored[0].CacheName, "left-pad", "index.js"))).ShouldBe("module.exports = 1;\n");
    }

    [Fact]
    public async Task Different_lock_files_never_share_a_cached_folder()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["yarn.lock"] = "a\n" });
        var (_, workspace) = await WorkspaceAsync(repository);
        var before = DependencyCache.Detect(workspace.Path).ShouldHaveSingleItem();
        await File.WriteAllTextAsync(Path.Combine(workspace.Path, "yarn.lock"), "b\n");

        var after = DependencyCache.Detect(workspace.Path).ShouldHaveSingleItem();

        after.Folder.ShouldBe("node_modules");
        after.Hash.ShouldNotBe(before.Hash);
    }

    [Fact]
    public async Task Concurrent_tasks_get_distinct_free_port_blocks_and_a_rerun_keeps_its_block()
    {
        using var folder = new TempDirectory("fanout-ports");
        var allocator = new PortAllocator(folder.Combine("ports.json"), folder.Combine("ports.lock"));
        var other = new PortAllocator(folder.Combine("ports.json"), folder.Combine("ports.lock"));
        using var busy = new TcpListener(IPAddress.Loopback, PortAllocator.RangeStart + 3);
        busy.Start();

        var blocks = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? allocator : other).AllocateAsync($"r1/task-{i}", 10, CancellationToken.None)));

        var ports = blocks.SelectMany(b => Enumerable.Range(b.First, b.Count)).ToArray();
        ports.Distinct().Count().ShouldBe(120);
        ports.ShouldNotContain(PortAllocator.RangeStart + 3);
        (await allocator.AllocateAsync("r1/task-0", 10, CancellationToken.None)).ShouldBe(blocks[0]);
        (await allocator.ReleaseAsync(b => b.Owner.StartsWith("r1/", StringComparison.Ordinal), CancellationToken.None)).ShouldBe(12);
        (await allocator.ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Never_copies_from_outside_the_repository_through_a_link_or_a_pattern_that_climbs_out()
    {
        using var outside = new TempDirectory("fanout-outside");
        var secret = outside.Write("secret.env", "root:x:0:0\n");
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { [".gitignore"] = "*.env\nlinked/\n" });
        repository.Write("own.env", "mine\n");
        File.CreateSymbolicLink(Path.Combine(repository.Path, "stolen.env"), secret);
        Directory.CreateSymbolicLink(Path.Combine(repository.Path, "linked"), outside.Path);
        var (paths, workspace) = await WorkspaceAsync(repository);
        var preparer = new EnvironmentPreparer(paths, ["*.env", "linked/*", "../*.env", outside.Path + "/*"], ProcessRunner.Instance);

        var prepared = await preparer.PrepareAsync("r1", "task-1", workspace.Path, CancellationToken.None);

        prepared.Included.ShouldBe(["own.env"]);
        Directory.EnumerateFileSystemEntries(workspace.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git", StringComparison.Ordinal))
            .ShouldAllBe(f => !File.Exists(f) || !File.ReadAllText(f).Contains("root:x"));
    }

    [Fact]
    public async Task A_worktreeinclude_that_is_a_link_out_of_the_repository_is_not_read()
    {
        using var outside = new TempDirectory("fanout-outside");
        var patterns = outside.Write("patterns", "*.env\n");
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { [".gitignore"] = "*.env\n.worktreeinclude\n" });
        repository.Write("own.env", "mine\n");
        File.CreateSymbolicLink(Path.Combine(repository.Path, IncludeFiles.FileName), patterns);

        IncludeFiles.Patterns(repository.Path, []).ShouldBeEmpty();
        IncludeFiles.Patterns(repository.Path, ["a.env", "../b.env", "/etc/passwd", "~/.netrc"]).ShouldBe(["a.env"]);
    }

    [Fact]
    public void A_file_swapped_for_a_link_after_the_walk_is_not_copied()
    {
        using var root = new TempDirectory();
        var secret = root.Write("outside/secret.env", "root:x\n");
        root.Write("repo/ok.env", "ok\n");
        File.CreateSymbolicLink(root.Combine("repo", "late.env"), secret);
        Directory.CreateDirectory(root.Combine("worktree"));

        var copied = IncludeFiles.Copy(root.Combine("repo"), root.Combine("worktree"), ["ok.env", "late.env", "../outside/secret.env"]);

        copied.ShouldBe(["ok.env"]);
        File.Exists(root.Combine("worktree", "late.env")).ShouldBeFalse();
    }

    private static async Task<(RepositoryPaths Paths, Workspace Workspace)> WorkspaceAsync(GitRepository repository, string task = "task-1")
    {
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, task);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        return (paths, await engine.CreateAsync(request, CancellationToken.None));
    }
}
