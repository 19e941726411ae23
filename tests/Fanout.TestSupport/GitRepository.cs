using Fanout.Processes;

namespace Fanout.TestSupport;

/// <summary>A real git repository in a temp folder, with one commit on <c>main</c>; its worktree root is a sibling inside the same temp folder.</summary>
public sealed class GitRepository : IDisposable
{
    private readonly TempDirectory _root;

    private GitRepository(TempDirectory root)
    {
        _root = root;
        Path = root.Combine("repo");
    }

    /// <summary>The repository's working tree.</summary>
    public string Path { get; }

    /// <summary>The folder that holds the repository and its <c>repo.worktrees</c> sibling.</summary>
    public string Parent => _root.Path;

    public static async Task<GitRepository> CreateAsync(IReadOnlyDictionary<string, string>? files = null, CancellationToken cancellationToken = default)
    {
        var repository = new GitRepository(new TempDirectory("fanout-repo"));
        Directory.CreateDirectory(repository.Path);
        await repository.GitAsync(cancellationToken, "init", "--quiet", "--initial-branch=main");
        await repository.GitAsync(cancellationToken, "config", "user.name", "Fanout Tests");
        await repository.GitAsync(cancellationToken, "config", "user.email", "tests@fanout.invalid");
        await repository.GitAsync(cancellationToken, "config", "commit.gpgsign", "false");
        foreach (var (path, content) in files ?? new Dictionary<string, string> { ["README.md"] = "# sample\n" })
        {
            repository.Write(path, content);
        }

        await repository.GitAsync(cancellationToken, "add", "-A");
        await repository.GitAsync(cancellationToken, "commit", "--quiet", "-m", "initial");
        return repository;
    }

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Runs git in the repository and returns its trimmed stdout; throws on failure.</summary>
    public async Task<string> GitAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await ProcessRunner.Instance.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = Path }, cancellationToken);
        return result.EnsureSuccess().StandardOutput.Trim();
    }

    public Task<string> GitAsync(params string[] arguments) => GitAsync(CancellationToken.None, arguments);

    public async Task<IReadOnlyList<string>> BranchesAsync() =>
        (await GitAsync("branch", "--format=%(refname:short)")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Registered worktrees other than the main one.</summary>
    public async Task<IReadOnlyList<string>> LinkedWorktreesAsync() =>
        (await GitAsync("worktree", "list", "--porcelain"))
            .Split('\n')
            .Where(l => l.StartsWith("worktree ", StringComparison.Ordinal))
            .Select(l => l["worktree ".Length..])
            .Where(p => p != Path)
            .ToArray();

    public void Dispose() => _root.Dispose();
}
