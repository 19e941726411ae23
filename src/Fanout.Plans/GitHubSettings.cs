using Fanout.Core;

namespace Fanout.Plans;

/// <summary>The plan's <c>github:</c> section; anything left out comes from the origin remote or GitHub's limits.</summary>
public sealed record GitHubSettings
{
    /// <summary><c>owner/name</c>; null means the origin remote's.</summary>
    public string? Repository { get; init; }

    /// <summary>The REST API root, for GitHub Enterprise (<c>https://HOST/api/v3/</c>).</summary>
    public Uri? BaseUrl { get; init; }

    public TimeSpan? MinInterval { get; init; }

    public int? PerMinute { get; init; }

    public int? PerHour { get; init; }

    public SourcePosition? Position { get; init; }
}
