using Fanout.Core;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class RepositoryLocatorTests
{
    [Fact]
    public async Task Locates_the_repository_from_its_main_worktree_and_a_subfolder()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["src/app/main.cs"] = "//" });
        var expected = new RepositoryPaths(repository.Path, Path.Combine(repository.Path, ".git"), Path.Combine(repository.Parent, "repo.worktrees"));

        (await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None)).ShouldBe(expected);
        (await RepositoryLocator.LocateAsync(Path.Combine(repository.Path, "src", "app"), ProcessRunner.Instance, CancellationToken.None)).ShouldBe(expected);
    }

    [Fact]
    public async Task Locates_the_main_repositorys_worktree_root_from_a_linked_worktree()
    {
        using var repository = await GitRepository.CreateAsync();
        var linked = Path.Combine(repository.Parent, "elsewhere", "linked");
        await repository.GitAsync("worktree", "add", "--quiet", "-b", "side", linked);

        var paths = await RepositoryLocator.LocateAsync(linked, ProcessRunner.Instance, CancellationToken.None);

        paths.Root.ShouldBe(linked);
        paths.CommonDir.ShouldBe(Path.Combine(repository.Path, ".git"));
        paths.WorktreeRoot.ShouldBe(Path.Combine(repository.Parent, "repo.worktrees"));
    }

    [Fact]
    public async Task Refuses_a_folder_outside_any_repository()
    {
        using var folder = new TempDirectory();

        var error = await Should.ThrowAsync<UserInputException>(() => RepositoryLocator.LocateAsync(folder.Path, ProcessRunner.Instance, CancellationToken.None));

        error.Message.ShouldBe($"{folder.Path} is not inside a git repository; run `git init` there or pass --repo DIR");
    }

    [Fact]
    public async Task Refuses_a_missing_folder()
    {
        using var folder = new TempDirectory();
        var missing = folder.Combine("gone");

        var error = await Should.ThrowAsync<UserInputException>(() => RepositoryLocator.LocateAsync(missing, ProcessRunner.Instance, CancellationToken.None));

        error.Message.ShouldStartWith($"{missing} does not exist;");
    }

    [Fact]
    public async Task Refuses_a_repository_without_commits()
    {
        using var folder = new TempDirectory();
        await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", ["init", "--quiet", folder.Path]), CancellationToken.None);

        var error = await Should.ThrowAsync<UserInputException>(() => RepositoryLocator.LocateAsync(folder.Path, ProcessRunner.Instance, CancellationToken.None));

        error.Message.ShouldBe($"{folder.Path} has no commits yet; commit something first");
    }

    [Fact]
    public async Task Refuses_a_bare_repository()
    {
        using var repository = await GitRepository.CreateAsync();
        var bare = Path.Combine(repository.Parent, "bare.git");
        await repository.GitAsync("clone", "--quiet", "--bare", repository.Path, bare);

        var error = await Should.ThrowAsync<UserInputException>(() => RepositoryLocator.LocateAsync(bare, ProcessRunner.Instance, CancellationToken.None));

        error.Message.ShouldStartWith($"{bare} is a bare repository;");
        error.Message.ShouldNotContain("\n");
    }
}
