using System.Globalization;

using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Bench;

/// <summary>The bench's flags checked before anything is generated, copied or run: a refused bench leaves nothing behind.</summary>
internal static class BenchOptions
{
    public static async Task<BenchSettings> ReadAsync(IProcessRunner runner, string? repo, int? generate, string tasks, string strategies, string? latency, int repeat, CancellationToken cancellationToken)
    {
        if (repo is not null && generate is not null)
        {
            throw new UserInputException("--repo and --generate both name what to measure; pass one of them");
        }

        if (generate is < 1)
        {
            throw new UserInputException($"--generate needs a number of files of at least 1 (got {generate})");
        }

        Positive("--repeat", repeat);

        var settings = new BenchSettings
        {
            Repository = generate is null ? await RepositoryAsync(runner, repo, cancellationToken) : null,
            GenerateFiles = generate ?? new BenchSettings().GenerateFiles,
            Tasks = Sizes(tasks),
            Strategies = Strategies(strategies),
            Script = Names(strategies).Contains(ScriptTrial.Method, StringComparer.OrdinalIgnoreCase),
            Repeat = repeat,
        };
        if (latency is not null)
        {
            settings = settings with
            {
                IssueLatency = Durations.TryParse(latency, out var delay)
                    ? delay
                    : throw new UserInputException($"--issue-latency '{latency}' is not a duration; write 3s, 300ms or 1.5s"),
            };
        }

        return settings;
    }

    /// <summary>The repository's top folder; its checks (exists, has a working tree, has commits) say what is wrong.</summary>
    public static async Task<string> RepositoryAsync(IProcessRunner runner, string? repo, CancellationToken cancellationToken)
    {
        try
        {
            return (await RepositoryLocator.LocateAsync(repo ?? Directory.GetCurrentDirectory(), runner, cancellationToken)).Root;
        }
        catch (UserInputException refused) when (repo is null)
        {
            throw new UserInputException($"{refused.Message} (or pass --generate FILES to measure a generated repository)");
        }
    }

    /// <summary>A count that must be at least 1, else one line naming the option and what it got.</summary>
    public static int Positive(string option, int value) =>
        value >= 1 ? value : throw new UserInputException($"{option} must be at least 1 (got {value})");

    public static int[] Sizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PoolSettings.MaxCount ? n : 0).ToArray();
        return parts.Length > 0 && sizes.All(n => n > 0)
            ? [.. sizes.Distinct()]
            : throw new UserInputException($"--tasks '{text}' must list plan sizes from 1 to {PoolSettings.MaxCount}, e.g. 1,5,10,20,50");
    }

    private static string[] Names(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // 'script' is not a run strategy but the pattern as a shell script, measured beside them.
    private static BenchStrategy[] Strategies(string text)
    {
        var names = Names(text).Where(n => !n.Equals(ScriptTrial.Method, StringComparison.OrdinalIgnoreCase)).ToArray();
        var unknown = names.FirstOrDefault(n => !BenchStrategies.TryParse(n, out _));
        return Names(text).Length > 0 && unknown is null
            ? [.. names.Select(n => BenchStrategies.TryParse(n, out var s) ? s : default).Distinct()]
            : throw new UserInputException($"--strategies: unknown '{unknown ?? text}'; choose from sequential, issue-first, overlap, pool, script");
    }
}
