using System.Globalization;

using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Bench;

/// <summary>The bench's flags checked before anything is generated, copied or run: a refused bench leaves nothing behind.</summary>
internal static class BenchOptions
{
    /// <summary>Files a generated repository may have: far more than any measurement needs.</summary>
    public const int MaxFiles = 1_000_000;

    /// <summary>Repeats of one measurement: enough for medians and spreads, not a day's run.</summary>
    public const int MaxRepeat = 100;

    public static async Task<BenchSettings> ReadAsync(string? repo, string? generate, string tasks, string strategies, string? latency, string repeat, CancellationToken cancellationToken)
    {
        if (repo is not null && generate is not null)
        {
            throw new UserInputException("--repo and --generate both name what to measure; pass one of them");
        }

        int? files = generate is null ? null : Whole("--generate", generate, 1, MaxFiles);
        var repeats = Whole("--repeat", repeat, 1, MaxRepeat);
        var delay = latency is null ? TimeSpan.Zero : new DurationRule("--issue-latency", TimeSpan.Zero, TimeSpan.FromMinutes(5)).Parse(latency);
        return new BenchSettings
        {
            Repository = files is null ? await RepositoryAsync(repo, cancellationToken) : null,
            GenerateFiles = files ?? new BenchSettings().GenerateFiles,
            Tasks = Sizes(tasks),
            Strategies = Strategies(strategies),
            Repeat = repeats,
            IssueLatency = delay,
        };
    }

    /// <summary>A whole number flag, by the rule plans use: out of range or not a number is one line naming it.</summary>
    public static int Whole(string option, string text, int min, int max) => (int)new WholeNumberRule(option, min, max).Parse(text);

    /// <summary>The repository's top folder; its checks (exists, has a working tree, has commits) say what is wrong.</summary>
    private static async Task<string> RepositoryAsync(string? repo, CancellationToken cancellationToken)
    {
        try
        {
            return (await RepositoryLocator.LocateAsync(repo ?? Directory.GetCurrentDirectory(), ProcessRunner.Instance, cancellationToken)).Root;
        }
        catch (UserInputException refused) when (repo is null)
        {
            throw new UserInputException($"{refused.Message} (or pass --generate FILES to measure a generated repository)");
        }
    }

    public static int[] Sizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PoolSettings.MaxCount ? n : 0).ToArray();
        return parts.Length > 0 && sizes.All(n => n > 0)
            ? [.. sizes.Distinct()]
            : throw new UserInputException($"--tasks '{text}' must list plan sizes from 1 to {PoolSettings.MaxCount}, e.g. 1,5,10,20,50");
    }

    private static BenchStrategy[] Strategies(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = names.FirstOrDefault(n => !BenchStrategies.TryParse(n, out _));
        return names.Length > 0 && unknown is null
            ? [.. names.Select(n => BenchStrategies.TryParse(n, out var s) ? s : default).Distinct()]
            : throw new UserInputException($"--strategies: unknown '{unknown ?? text}'; choose from sequential, issue-first, overlap, pool");
    }
}
