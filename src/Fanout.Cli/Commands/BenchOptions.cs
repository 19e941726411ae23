using System.Globalization;

using Fanout.Bench;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Workspaces;

namespace Fanout.Cli.Commands;

/// <summary>The bench's flags checked before anything is generated, copied or run: a refused bench leaves nothing behind.</summary>
internal static class BenchOptions
{
    public static async Task<BenchSettings> ReadAsync(string? repo, int? generate, string tasks, string strategies, string? latency, int repeat, CancellationToken cancellationToken)
    {
        if (repo is not null && generate is not null)
        {
            throw new CliInputException("--repo and --generate both name what to measure; pass one of them");
        }

        if (generate is < 1)
        {
            throw new CliInputException($"--generate needs a number of files of at least 1 (got {generate})");
        }

        if (repeat < 1)
        {
            throw new CliInputException($"--repeat must be at least 1 (got {repeat})");
        }

        var settings = new BenchSettings
        {
            Repository = generate is null ? await RepositoryAsync(repo, cancellationToken) : null,
            GenerateFiles = generate ?? new BenchSettings().GenerateFiles,
            Tasks = Sizes(tasks),
            Strategies = Strategies(strategies),
            Repeat = repeat,
        };
        if (latency is not null)
        {
            settings = settings with
            {
                IssueLatency = Durations.TryParse(latency, out var delay)
                    ? delay
                    : throw new CliInputException($"--issue-latency '{latency}' is not a duration; write 3s, 300ms or 1.5s"),
            };
        }

        return settings;
    }

    /// <summary>The repository's top folder; its checks (exists, has a working tree, has commits) say what is wrong.</summary>
    private static async Task<string> RepositoryAsync(string? repo, CancellationToken cancellationToken)
    {
        try
        {
            return (await RepositoryLocator.LocateAsync(repo ?? Directory.GetCurrentDirectory(), ProcessRunner.Instance, cancellationToken)).Root;
        }
        catch (RepositoryException refused) when (repo is null)
        {
            throw new CliInputException($"{refused.Message} (or pass --generate FILES to measure a generated repository)");
        }
    }

    private static int[] Sizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PoolSettings.MaxCount ? n : 0).ToArray();
        return parts.Length > 0 && sizes.All(n => n > 0)
            ? [.. sizes.Distinct()]
            : throw new CliInputException($"--tasks '{text}' must list plan sizes from 1 to {PoolSettings.MaxCount}, e.g. 1,5,10,20,50");
    }

    private static BenchStrategy[] Strategies(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = names.FirstOrDefault(n => !BenchStrategies.TryParse(n, out _));
        return names.Length > 0 && unknown is null
            ? [.. names.Select(n => BenchStrategies.TryParse(n, out var s) ? s : default).Distinct()]
            : throw new CliInputException($"--strategies: unknown '{unknown ?? text}'; choose from sequential, issue-first, overlap, pool");
    }
}
