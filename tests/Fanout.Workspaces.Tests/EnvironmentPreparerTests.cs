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

    private static async Task<(RepositoryPaths Paths, Workspace Workspace)> WorkspaceAsync(GitRepository repository, string task = "task-1")
    {
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, task);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        return (paths, await engine.CreateAsync(request, CancellationToken.None));
    }
}
