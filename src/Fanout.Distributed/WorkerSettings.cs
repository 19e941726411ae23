using Fanout.Core;
using Fanout.Workspaces;

namespace Fanout.Distributed;

/// <summary>What <c>fanout worker</c> was given: the database, how many tasks at once, its name and where it keeps its clones.</summary>
public sealed record WorkerSettings(string Database, int Slots, string Name, string WorkDirectory)
{
    /// <summary>The name when none is given: the machine and the process, unique among workers that share a database.</summary>
    public static string DefaultName() => $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Where a worker keeps its clones when <c>--work-dir</c> is not given: under the user's cache, one folder per worker name.</summary>
    public static string DefaultWorkDirectory(string name)
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "fanout", "workers", WorkspaceNames.SanitizeComponent(name));
    }

    public void Validate()
    {
        if (Slots < 1)
        {
            throw new UserInputException($"--slots must be at least 1 (got {Slots})");
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Any(char.IsControl))
        {
            throw new UserInputException("--name must be a non-empty name without control characters");
        }
    }
}
