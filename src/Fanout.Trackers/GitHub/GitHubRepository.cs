using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Fanout.Trackers.GitHub;

/// <summary>A repository on GitHub (or a GitHub Enterprise host): <c>owner/name</c>.</summary>
public sealed partial record GitHubRepository(string Owner, string Name)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out GitHubRepository? repository)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        repository = match is { Success: true } ? new GitHubRepository(match.Groups["owner"].Value, match.Groups["name"].Value) : null;
        return repository is not null;
    }

    public override string ToString() => $"{Owner}/{Name}";

    // GitHub allows letters, digits, '-', '_' and '.' in owners and names; ".git" is never part of the name.
    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9_.-]*))/(?<name>(?!\.git$)[A-Za-z0-9_.-]+?)(?:\.git)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
