namespace Fanout.Trackers.GitHub;

/// <summary>Which repository, through which API root, with which token, at which pace.</summary>
public sealed record GitHubTrackerOptions(GitHubRepository Repository, Uri ApiBase, GitHubToken Token)
{
    public static Uri PublicApi { get; } = new("https://api.github.com/");

    public GitHubPacing Pacing { get; init; } = GitHubPacing.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The label every Fanout issue carries, so a run's issues can be listed without search.</summary>
    public string Label { get; init; } = "fanout";
}
