using System.Security.Cryptography;

using Fanout.Processes;

namespace Fanout.Workspaces;

/// <summary>One dependency folder of a worktree and the hash of the lock files it was installed from.</summary>
public sealed record DependencyKey(string Folder, string Hash)
{
    public string CacheName => $"{WorkspaceNames.SanitizeComponent(Folder)}-{Hash}";
}

/// <summary>
/// Dependency folders (<c>node_modules</c>, <c>.venv</c>, ...) kept under <c>.git/fanout/cache</c>,
/// keyed by the hash of the lock files that produced them. A worktree gets its own copy (a reflink
/// where the file system can, a plain copy otherwise): never a link into the cache, since package
/// managers change files in place and would spoil it for every other worktree.
/// </summary>
public sealed class DependencyCache(string cacheRoot, string lockDir, IProcessRunner runner)
{
    /// <summary>Lock files at the worktree's top and the folder their package manager installs into.</summary>
    public static IReadOnlyList<(string Folder, string[] LockFiles)> Known { get; } =
    [
        ("node_modules", ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "npm-shrinkwrap.json"]),
        (".venv", ["poetry.lock", "uv.lock", "Pipfile.lock", "requirements*.txt"]),
        ("packages", ["packages.lock.json"]),
        ("vendor", ["composer.lock"]),
    ];

    public string Root => cacheRoot;

    /// <summary>The dependency folders this worktree's lock files call for.</summary>
    public static IReadOnlyList<DependencyKey> Detect(string worktree)
    {
        ArgumentException.ThrowIfNullOrEmpty(worktree);
        var keys = new List<DependencyKey>();
        foreach (var (folder, patterns) in Known)
        {
            var locks = patterns.SelectMany(p => Directory.EnumerateFiles(worktree, p, SearchOption.TopDirectoryOnly))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (locks.Length > 0)
            {
                keys.Add(new DependencyKey(folder, Hash(worktree, locks)));
            }
        }

        return keys;
    }

    /// <summary>Copies cached folders into the worktree where it has none yet; returns those materialised.</summary>
    public async Task<IReadOnlyList<DependencyKey>> RestoreAsync(string worktree, IReadOnlyList<DependencyKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var restored = new List<DependencyKey>();
        foreach (var key in keys)
        {
            var cached = Path.Combine(cacheRoot, key.CacheName);
            var target = Path.Combine(worktree, key.Folder);
            if (Directory.Exists(cached) && !Directory.Exists(target) && !File.Exists(target))
            {
                await CopyTreeAsync(cached, target, cancellationToken);
                restored.Add(key);
            }
        }

        return restored;
    }

    /// <summary>After a successful setup: stores each folder the cache lacks. One writer per key; the rename makes it appear whole.</summary>
    public async Task<IReadOnlyList<DependencyKey>> StoreAsync(string worktree, IReadOnlyList<DependencyKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stored = new List<DependencyKey>();
        foreach (var key in keys)
        {
            var source = new DirectoryInfo(Path.Combine(worktree, key.Folder));
            var cached = Path.Combine(cacheRoot, key.CacheName);
            if (!source.Exists || source.LinkTarget is not null || Directory.Exists(cached))
            {
                continue;
            }

            await using var writer = await RepositoryLock.TryAcquireAsync(Path.Combine(lockDir, $"cache-{key.CacheName}.lock"), cancellationToken);
            if (writer is null || Directory.Exists(cached))
            {
                continue;
            }

            var temporary = Path.Combine(cacheRoot, ".tmp-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(cacheRoot);
            await CopyTreeAsync(source.FullName, temporary, cancellationToken);
            Directory.Move(temporary, cached);
            stored.Add(key);
        }

        return stored;
    }

    private static string Hash(string worktree, string[] lockFiles)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in lockFiles)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\0"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(worktree, name)));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary><c>cp -a</c> keeps modes, times and relative links; on Linux <c>--reflink=auto</c> clones blocks where the file system can.</summary>
    private async Task CopyTreeAsync(string source, string target, CancellationToken cancellationToken)
    {
        string[] arguments = OperatingSystem.IsLinux() ? ["-a", "--reflink=auto", "--", source, target] : ["-a", "--", source, target];
        var result = await runner.RunAsync(new ProcessSpec("cp", arguments), cancellationToken);
        if (!result.Succeeded)
        {
            throw new ProcessFailedException(result);
        }
    }
}
