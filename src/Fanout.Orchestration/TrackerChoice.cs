using Fanout.Trackers.GitHub;

namespace Fanout.Orchestration;

/// <summary>The tracker a run will use, decided (and its token found) before anything is created.</summary>
public sealed record TrackerChoice(string Kind)
{
    public const string LocalKind = "local";
    public const string GitHubKind = "github";

    public static TrackerChoice Local { get; } = new(LocalKind);

    /// <summary>Set when <see cref="Kind"/> is github; its token never prints.</summary>
    public GitHubTrackerOptions? GitHub { get; init; }

    /// <summary>What a dry run or a message shows: "local", or "github acme/widgets at https://api.github.com/".</summary>
    public string Describe() => GitHub is { } github ? $"github {github.Repository} at {github.ApiBase} ({github.Token})" : Kind;
}
