using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitRepositoryTests
{
    [Fact]
    public async Task Tells_a_working_tree_from_its_git_folder_and_from_a_bare_repository()
    {
        using var repository = await GitRepository.CreateAsync();
        var bare = Path.Combine(repository.Parent, "bare.git");
        await repository.GitAsync("clone", "--quiet", "--bare", repository.Path, bare);

        (await new Git(repository.Path, ProcessRunner.Instance).KindAsync(CancellationToken.None)).ShouldBe(new RepositoryKind(false, true));
        (await new Git(Path.Combine(repository.Path, ".git"), ProcessRunner.Instance).KindAsync(CancellationToken.None)).ShouldBe(new RepositoryKind(false, false));
        (await new Git(bare, ProcessRunner.Instance).KindAsync(CancellationToken.None)).Bare.ShouldBeTrue();
    }

    [Fact]
    public async Task Finds_the_top_folder_and_the_common_dir_from_a_subfolder_and_a_linked_worktree()
    {
        using var repository = await GitRepository.CreateAsync(new Dictionary<string, string> { ["src/app/main.cs"] = "//" });
        var linked = Path.Combine(repository.Parent, "linked");
        await repository.GitAsync("worktree", "add", "--quiet", "-b", "side", linked);
        var fromSubfolder = new Git(Path.Combine(repository.Path, "src", "app"), ProcessRunner.Instance);
        var fromLinked = new Git(linked, ProcessRunner.Instance);

        (await fromSubfolder.TopLevelAsync(CancellationToken.None)).ShouldBe(repository.Path);
        (await fromSubfolder.CommonDirAsync(CancellationToken.None)).ShouldBe(Path.Combine(repository.Path, ".git"));
        (await fromLinked.TopLevelAsync(CancellationToken.None)).ShouldBe(linked);
        (await fromLinked.CommonDirAsync(CancellationToken.None)).ShouldBe(Path.Combine(repository.Path, ".git"));
    }

    [Fact]
    public async Task Outside_any_repository_each_query_names_its_command()
    {
        using var folder = new TempDirectory();
        var git = new Git(folder.Path, ProcessRunner.Instance);

        (await Should.ThrowAsync<GitException>(() => git.KindAsync(CancellationToken.None))).Message
            .ShouldStartWith("git rev-parse --is-bare-repository --is-inside-work-tree failed (exit 128): fatal: not a git repository");
        (await Should.ThrowAsync<GitException>(() => git.TopLevelAsync(CancellationToken.None))).Message.ShouldStartWith("git rev-parse --show-toplevel failed (exit 128)");
        (await Should.ThrowAsync<GitException>(() => git.CommonDirAsync(CancellationToken.None))).Message.ShouldStartWith("git rev-parse --git-common-dir failed (exit 128)");
    }
}
