namespace Fanout.Trackers.GitHub;

/// <summary>Which repository, through which API root, with which token, at which pace.</summary>
public sealed record GitHubTrackerOptions(GitHubRepository Repository, Uri ApiBase, GitHubToken Token)
{
    public static Uri PublicApi { get; } = new("https://api.github.com/");

    public GitHubPacing Pacing { get; init; } = GitHubPacing.Default;

    public GitHubBatching Batching { get; init; } = GitHubBatching.Default;

    /// <summary>
    /// The GraphQL endpoint beside <see cref="ApiBase"/>: <c>https://api.github.com/graphql</c>, and
    /// <c>https://HOST/api/graphql</c> for an Enterprise REST root of <c>https://HOST/api/v3/</c>.
    /// </summary>
    public Uri GraphQLEndpoint => ApiBase.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase)
        ? new Uri(ApiBase, "../graphql")
        : new Uri(ApiBase, "graphql");

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The label every Fanout issue carries, so a run's issues can be listed without search.</summary>
    public string Label { get; init; } = "fanout";
}
