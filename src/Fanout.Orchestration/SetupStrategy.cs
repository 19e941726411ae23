using Fanout.Core;

namespace Fanout.Orchestration;

/// <summary>How tasks are set up; all three share one code path so they can be compared in one run.</summary>
public enum SetupStrategy
{
    /// <summary>The orchestrator creates every issue, then every worktree, then starts the agents.</summary>
    Sequential,

    /// <summary>Every worker starts at once: issue, then a worktree named by the issue number, then environment.</summary>
    IssueFirst,

    /// <summary>Every worker starts at once; issue and workspace side by side (the default).</summary>
    Overlap,
}

public static class SetupStrategies
{
    public static string Name(this SetupStrategy strategy) => strategy switch
    {
        SetupStrategy.Sequential => "sequential",
        SetupStrategy.IssueFirst => "issue-first",
        _ => "overlap",
    };

    /// <summary>Parses a name the command line already restricted to the known ones.</summary>
    public static SetupStrategy Parse(string text) =>
        TryParse(text, out var strategy) ? strategy : throw new UserInputException($"unknown strategy '{text}'; use overlap, issue-first or sequential");

    public static bool TryParse(string text, out SetupStrategy strategy)
    {
        foreach (var candidate in Enum.GetValues<SetupStrategy>())
        {
            if (string.Equals(candidate.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                strategy = candidate;
                return true;
            }
        }

        strategy = SetupStrategy.Overlap;
        return false;
    }
}
