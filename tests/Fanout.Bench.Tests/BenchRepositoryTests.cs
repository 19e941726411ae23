using Fanout.Core;
using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Bench.Tests;

public sealed class BenchRepositoryTests
{
    [Fact]
    public async Task Generates_a_committed_repository_of_the_asked_number_of_files()
    {
        using var repository = await BenchRepository.CreateAsync(ProcessRunner.Instance, 40, CancellationToken.None);

        (await repository.GitAsync(CancellationToken.None, "ls-files")).Split('\n').Length.ShouldBe(40);
        (await repository.GitAsync(CancellationToken.None, "status", "--porcelain")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Measures_a_copy_and_never_touches_the_users_checkout()
    {
        using var source = await GitRepository.CreateAsync();
        source.Write("notes.txt", "uncommitted\n");

        using (var copy = await BenchRepository.CloneAsync(ProcessRunner.Instance, source.Path, CancellationToken.None))
        {
            await copy.GitAsync(CancellationToken.None, "worktree", "add", "--quiet", "-b", "fanout/x/t1", Path.Combine(copy.Parent, "wt"));
            await copy.ResetAsync(CancellationToken.None);
            File.Exists(Path.Combine(copy.Path, "notes.txt")).ShouldBeFalse();
        }

        File.ReadAllText(Path.Combine(source.Path, "notes.txt")).ShouldBe("uncommitted\n");
        (await source.BranchesAsync()).ShouldBe(["main"]);
    }

    [Fact]
    public async Task Reset_leaves_no_worktree_and_no_branch_but_the_checked_out_one()
    {
        using var repository = await BenchRepository.CreateAsync(ProcessRunner.Instance, 5, CancellationToken.None);
        await repository.GitAsync(CancellationToken.None, "worktree", "add", "--quiet", "-b", "fanout/r1/t1", Path.Combine(repository.Parent, "wt1"));
        await repository.GitAsync(CancellationToken.None, "branch", "leftover");

        await repository.ResetAsync(CancellationToken.None);

        (await repository.GitAsync(CancellationToken.None, "worktree", "list", "--porcelain")).Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal)).ShouldBe(1);
        (await repository.GitAsync(CancellationToken.None, "branch", "--format=%(refname:short)")).ShouldBe("main");
        Directory.Exists(Path.Combine(repository.Parent, "wt1")).ShouldBeFalse();
    }

    [Fact]
    public async Task Raw_reference_counts_adds_that_fail()
    {
        using var repository = await BenchRepository.CreateAsync(ProcessRunner.Instance, 5, CancellationToken.None);

        // The branch of add 2 exists already, as after a crashed earlier add: git refuses it.
        await repository.GitAsync(CancellationToken.None, "branch", "bench-raw/r1n3/t2");
        var sample = await RawWorktreeTrial.RunAsync(repository, 3, 1, CancellationToken.None);

        sample.Failures.ShouldBe(1);
        sample.Method.ShouldBe("raw");
        sample.SetupSeconds.ShouldBeGreaterThan(0);
    }

    [OtherFileSystemFact]
    public async Task Copies_a_repository_that_lives_on_another_file_system()
    {
        using var source = await GitRepository.CreateAsync();
        var elsewhere = Path.Combine(OtherFileSystemFactAttribute.Folder, "fanout-bench-source-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(elsewhere);
        try
        {
            await source.GitAsync("clone", "--quiet", source.Path, elsewhere);

            using var copy = await BenchRepository.CloneAsync(ProcessRunner.Instance, elsewhere, CancellationToken.None);

            (await copy.GitAsync(CancellationToken.None, "rev-parse", "HEAD")).ShouldBe(await source.GitAsync("rev-parse", "HEAD"));
            (await copy.GitAsync(CancellationToken.None, "status", "--porcelain")).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Copying_something_that_is_not_a_repository_says_so_and_leaves_nothing()
    {
        using var empty = new TempDirectory();

        var refused = await Should.ThrowAsync<UserInputException>(() => BenchRepository.CloneAsync(ProcessRunner.Instance, empty.Path, CancellationToken.None));

        refused.Message.ShouldContain("--generate");
    }
}
