using Fanout.Core;
using Fanout.Orchestration.Session;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

/// <summary>One session per repository builds its services once; reading never creates state.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_folder_outside_any_repository_is_refused_with_one_line_and_nothing_made()
    {
        using var folder = new TempDirectory();

        var error = await Should.ThrowAsync<UserInputException>(() => FanoutSession.OpenAsync(RunHarness.Host, folder.Path, CancellationToken.None));

        error.Message.ShouldContain("not inside a git repository");
        error.ExitCode.ShouldBe(ExitCodes.BadInput);
        Directory.EnumerateFileSystemEntries(folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Asking_for_runs_before_any_run_says_so_and_creates_no_journal()
    {
        using var repository = await GitRepository.CreateAsync();
        await using var session = await FanoutSession.OpenAsync(RunHarness.Host, repository.Path, CancellationToken.None);

        var error = await Should.ThrowAsync<UserInputException>(() => session.LoadRunAsync(null, CancellationToken.None));

        error.Message.ShouldBe($"no Fanout runs in {session.Paths.Root} yet; start one with 'fanout run PLAN'");
        File.Exists(session.Paths.JournalFile).ShouldBeFalse();
    }

    [Fact]
    public async Task The_journal_is_opened_once_and_an_unknown_run_is_named_in_the_refusal()
    {
        using var repository = await GitRepository.CreateAsync();
        await using var session = await FanoutSession.OpenAsync(RunHarness.Host, repository.Path, CancellationToken.None);

        var first = await session.JournalAsync(CancellationToken.None);
        var second = await session.JournalAsync(CancellationToken.None);
        var error = await Should.ThrowAsync<UserInputException>(() => session.LoadRunAsync("r-nope", CancellationToken.None));

        second.ShouldBeSameAs(first);
        error.Message.ShouldContain("no run 'r-nope'");
    }

    [Fact]
    public async Task The_session_shares_one_git_with_its_worktree_engine_pool_and_cleaner_from_a_linked_worktree_too()
    {
        using var repository = await GitRepository.CreateAsync();
        var linked = Path.Combine(repository.Parent, "linked");
        await repository.GitAsync("worktree", "add", "--quiet", linked);
        await using var main = await FanoutSession.OpenAsync(RunHarness.Host, repository.Path, CancellationToken.None);
        await using var fromLinked = await FanoutSession.OpenAsync(RunHarness.Host, linked, CancellationToken.None);

        fromLinked.Paths.CommonDir.ShouldBe(main.Paths.CommonDir);
        fromLinked.Paths.WorktreeRoot.ShouldBe(main.Paths.WorktreeRoot);
        main.Repository.Git.ShouldBeSameAs(main.Git);
    }
}
