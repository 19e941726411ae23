using System.Diagnostics;

using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;
using Xunit.Abstractions;

namespace Fanout.Workspaces.Tests;

public sealed class ConcurrentWorktreeTests(ITestOutputHelper output)
{
    private const int FileCount = 120;
    private const int Width = 50;
    private const int Rounds = 10;

    [Fact]
    public async Task Adds_fifty_worktrees_at_once_without_failure()
    {
        var files = Enumerable.Range(0, FileCount).ToDictionary(i => $"dir{i % 10}/sub{i % 3}/file{i}.txt", i => $"content {i}\n");
        using var repository = await GitRepository.CreateAsync(files);
        var paths = await RepositoryLocator.LocateAsync(repository.Path, ProcessRunner.Instance, CancellationToken.None);
        var baseCommit = await repository.GitAsync("rev-parse", "HEAD");
        var engine = new WorktreeEngine(paths, ProcessRunner.Instance);
        var failures = new List<string>();

        for (var round = 1; round <= Rounds; round++)
        {
            var runId = $"round{round}";
            var requests = Enumerable.Range(1, Width)
                .Select(i => $"task-{i}")
                .Select(task => new WorkspaceRequest(runId, task, WorkspaceNames.Branch(runId, task), WorkspaceNames.Directory(paths.WorktreeRoot, runId, task), baseCommit))
                .ToArray();

            var clock = Stopwatch.StartNew();
            var created = await Task.WhenAll(requests.Select(r => AttemptAsync(() => engine.CreateAsync(r, CancellationToken.None))));
            var createTime = clock.Elapsed;
            failures.AddRange(created.Select(c => c.Error).OfType<string>());

            var listed = await ListWorktreesAsync(repository);
            listed.Count.ShouldBe(Width + 1);
            foreach (var request in requests)
            {
                listed.ShouldContainKeyAndValue(request.Path, (baseCommit, request.Branch));
                CountFiles(request.Path).ShouldBe(FileCount);
                (await File.ReadAllTextAsync(Path.Combine(request.Path, "dir7", "sub1", "file7.txt"))).ShouldBe("content 7\n");
            }

            // Without force git refuses a worktree with any change, so this also proves each checkout is clean.
            clock.Restart();
            var removed = await Task.WhenAll(created.Select(c => c.Workspace).OfType<Workspace>()
                .Select(w => AttemptAsync(async () => { await engine.RemoveAsync(w, force: false, CancellationToken.None); return w; })));
            failures.AddRange(removed.Select(r => r.Error).OfType<string>());
            (await repository.LinkedWorktreesAsync()).ShouldBeEmpty();
            output.WriteLine($"round {round}: {Width} created in {createTime.TotalSeconds:F2} s, removed in {clock.Elapsed.TotalSeconds:F2} s, failures so far {failures.Count}");
        }

        (await repository.BranchesAsync()).Count.ShouldBe((Width * Rounds) + 1);
        output.WriteLine($"{Width * Rounds} worktrees of {FileCount} files in {Rounds} rounds of {Width}: {failures.Count} failures");
        failures.ShouldBeEmpty();
    }

    private static async Task<(Workspace? Workspace, string? Error)> AttemptAsync(Func<Task<Workspace>> action)
    {
        try
        {
            return (await action(), null);
        }
        catch (GitException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Path → (HEAD, branch) for every registered worktree, from git's own list.</summary>
    private static async Task<Dictionary<string, (string Head, string Branch)>> ListWorktreesAsync(GitRepository repository)
    {
        var blocks = (await repository.GitAsync("worktree", "list", "--porcelain")).Split("\n\n");
        return blocks
            .Select(block => block.Split('\n').Select(line => line.Split(' ', 2)).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty))
            .ToDictionary(fields => fields["worktree"], fields => (fields["HEAD"], fields["branch"].Replace("refs/heads/", string.Empty, StringComparison.Ordinal)));
    }

    private static int CountFiles(string worktree) =>
        Directory.EnumerateFiles(worktree, "*", SearchOption.AllDirectories).Count(f => Path.GetFileName(f) != ".git");
}
