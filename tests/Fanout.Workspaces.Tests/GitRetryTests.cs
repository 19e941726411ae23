using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Workspaces.Tests;

public sealed class GitRetryTests
{
    [Theory]
    [InlineData("fatal: Unable to create '/r/.git/worktrees/t/index.lock': File exists.", true)]
    [InlineData("error: could not lock config file .git/config: File exists", true)]
    [InlineData("fatal: Unable to create '/r/.git/packed-refs.lock': File exists.", true)]
    [InlineData("error: cannot lock ref 'refs/heads/fanout/r/t': Unable to create '/r/.git/refs/heads/fanout/r/t.lock': File exists.", true)]
    [InlineData("fatal: failed to read .git/worktrees/task-3/commondir: Success", true)]
    [InlineData("fatal: invalid reference: nope", false)]
    [InlineData("fatal: a branch named 'fanout/r/t' already exists", false)]
    [InlineData("error: cannot lock ref 'refs/heads/a/b': 'refs/heads/a' exists; cannot create 'refs/heads/a/b'", false)]
    public void Tells_lock_contention_from_real_failures(string stderr, bool transient)
    {
        var result = new ProcessResult(ProcessSpec.Of("git", "x"), 128, string.Empty, stderr + "\n", TimeSpan.Zero, false);

        GitRetry.IsTransient(new GitResult(result).ToException()).ShouldBe(transient);
    }

    [Fact]
    public async Task Retries_a_checkout_until_a_stale_index_lock_clears()
    {
        using var repository = await GitRepository.CreateAsync();
        FileStream? held = null;
        var runner = new CountingRunner("reset", result =>
        {
            if (!result.Succeeded && held is not null)
            {
                File.Delete(held.Name);
                held.Dispose();
            }
        });
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1", runner);
        held = await RegisterWithLockedIndexAsync(repository, request);

        var workspace = await engine.CreateAsync(request, CancellationToken.None);

        runner.Count.ShouldBe(2);
        File.Exists(Path.Combine(workspace.Path, "README.md")).ShouldBeTrue();
    }

    [Fact]
    public async Task Gives_up_after_bounded_retries_quoting_git()
    {
        using var repository = await GitRepository.CreateAsync();
        var runner = new CountingRunner("reset");
        var (engine, request) = await WorktreeEngineTests.SetUpAsync(repository, "task-1", runner);
        await using var held = await RegisterWithLockedIndexAsync(repository, request);

        var error = await Should.ThrowAsync<GitException>(() => engine.CreateAsync(request, CancellationToken.None));

        runner.Count.ShouldBe(GitRetry.Attempts);
        error.Message.ShouldStartWith("git reset --hard --quiet failed (exit 128): fatal: Unable to create");
        error.Message.ShouldEndWith("index.lock': File exists. (still locked after 6 tries)");
    }

    [Fact]
    public async Task Passes_other_failures_through_at_once()
    {
        var calls = 0;
        var retry = new GitRetry();

        await Should.ThrowAsync<GitException>(() => retry.RunAsync(
            _ =>
            {
                calls++;
                throw new GitException("git switch nope failed (exit 128): fatal: invalid reference: nope");
            },
            CancellationToken.None));

        calls.ShouldBe(1);
    }

    /// <summary>
    /// A worktree registered without a checkout, whose index a live process holds: the lock stays open
    /// in this test process, as a running git would keep it, so it is contention and not a stale lock.
    /// </summary>
    private static async Task<FileStream> RegisterWithLockedIndexAsync(GitRepository repository, WorkspaceRequest request)
    {
        await repository.GitAsync("worktree", "add", "--quiet", "--no-checkout", "-b", request.Branch, request.Path, request.BaseCommit);
        var gitDir = await repository.GitAsync("-C", request.Path, "rev-parse", "--absolute-git-dir");
        return new FileStream(Path.Combine(gitDir, "index.lock"), FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }
}
