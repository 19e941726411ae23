using System.Globalization;
using System.Text;

using Fanout.Core;
using Fanout.Processes;

namespace Fanout.Bench;

/// <summary>
/// The repository a benchmark measures: generated, or a copy of the user's committed HEAD, in a
/// temp folder removed on dispose. The user's own checkout is never touched.
/// </summary>
public sealed class BenchRepository : IDisposable
{
    private const string Identity = "user.name=Fanout bench";
    private const string Email = "user.email=bench@fanout.invalid";

    private BenchRepository(IProcessRunner runner, string parent)
    {
        Runner = runner;
        Parent = parent;
        Path = System.IO.Path.Combine(parent, "repo");
    }

    /// <summary>The one process runner of the bench, for git and for the measured runs alike.</summary>
    public IProcessRunner Runner { get; }

    /// <summary>The temp folder: the repository, and beside it what must stay out of it (plans).</summary>
    public string Parent { get; }

    public string Path { get; }

    /// <summary>About <paramref name="files"/> files of source-like text, in folders three deep, one commit.</summary>
    public static async Task<BenchRepository> CreateAsync(IProcessRunner runner, int files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var repository = new BenchRepository(runner, NewParent());
        Directory.CreateDirectory(repository.Path);
        var random = new Random(42);
        for (var i = 0; i < files; i++)
        {
            var folder = System.IO.Path.Combine(repository.Path, $"src{i % 20}", $"mod{i % 7}", $"part{i % 5}");
            Directory.CreateDirectory(folder);
            var text = new StringBuilder();
            for (var line = 0; line < 20 + random.Next(60); line++)
            {
                text.Append(CultureInfo.InvariantCulture, $"let value{line} = compute({random.Next()}, \"{i}\");\n");
            }

            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, $"file{i}.ts"), text.ToString(), cancellationToken);
        }

        await repository.GitAsync(cancellationToken, "init", "--quiet", "--initial-branch=main");
        await repository.GitAsync(cancellationToken, "add", "-A");
        await repository.GitAsync(cancellationToken, "-c", Identity, "-c", Email, "commit", "--quiet", "-m", "generated");
        return repository;
    }

    /// <summary>
    /// A local clone of <paramref name="source"/>'s committed HEAD: objects hard-linked where git can,
    /// copied where it cannot (a temp folder on another file system, such as <c>TMPDIR=/dev/shm</c>).
    /// </summary>
    public static async Task<BenchRepository> CloneAsync(IProcessRunner runner, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var repository = new BenchRepository(runner, NewParent());
        Directory.CreateDirectory(repository.Parent);
        var from = System.IO.Path.GetFullPath(source);
        var result = await repository.CloneFromAsync(from, "--local", cancellationToken);
        if (!result.Succeeded && Directory.Exists(from))
        {
            // git links objects with --local and gives up across devices ("Invalid cross-device link"); a copy works anywhere.
            if (Directory.Exists(repository.Path))
            {
                Directory.Delete(repository.Path, recursive: true);
            }

            result = await repository.CloneFromAsync(from, "--no-hardlinks", cancellationToken);
        }

        if (!result.Succeeded)
        {
            repository.Dispose();
            throw new UserInputException($"cannot copy {source} to measure it: {result.StandardError.Trim()}; pass a git repository with --repo, or --generate FILES");
        }

        return repository;
    }

    public async Task<ProcessResult> TryGitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        await Runner.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = Path }, cancellationToken);

    public async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await TryGitAsync(cancellationToken, arguments)).EnsureSuccess().StandardOutput.Trim();

    /// <summary>
    /// Back to the committed state between measurements: no linked worktree, no branch but the
    /// checked-out one, no pool target. The journal and the local tracker stay (each run has its own id).
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        var list = await GitAsync(cancellationToken, "worktree", "list", "--porcelain");
        foreach (var path in list.Split('\n').Where(l => l.StartsWith("worktree ", StringComparison.Ordinal)).Select(l => l["worktree ".Length..]).Skip(1))
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        // Adds that failed in the raw reference may leave folders git never registered.
        var raw = System.IO.Path.Combine(Parent, RawWorktreeTrial.Folder);
        if (Directory.Exists(raw))
        {
            Directory.Delete(raw, recursive: true);
        }

        await GitAsync(cancellationToken, "worktree", "prune");
        var head = await TryGitAsync(cancellationToken, "symbolic-ref", "--quiet", "HEAD");
        var current = head.Succeeded ? head.StandardOutput.Trim() : string.Empty;
        var refs = (await GitAsync(cancellationToken, "for-each-ref", "--format=%(refname)", "refs/heads/"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(r => r != current)
            .Select(r => $"delete {r}\n");
        await Runner.RunAsync(
            new ProcessSpec("git", ["update-ref", "--stdin"]) { WorkingDirectory = Path, StandardInput = string.Concat(refs) },
            cancellationToken);
        var poolSettings = System.IO.Path.Combine(Path, ".git", "fanout", "pool.json");
        if (File.Exists(poolSettings))
        {
            File.Delete(poolSettings);
        }

        // Writes of the last measurement still being flushed would be charged to the next one.
        await SyncAsync(cancellationToken);
    }

    /// <summary>Flushes the disk, so that one measurement's writes are not charged to the next.</summary>
    public Task SyncAsync(CancellationToken cancellationToken) => Runner.RunAsync(new ProcessSpec("sync", []), cancellationToken);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a finished benchmark for.
        }
    }

    private Task<ProcessResult> CloneFromAsync(string source, string how, CancellationToken cancellationToken) =>
        Runner.RunAsync(new ProcessSpec("git", ["clone", "--quiet", how, "--", source, Path]), cancellationToken);

    private static string NewParent() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fanout-bench-" + Guid.NewGuid().ToString("N")[..8]);
}
