namespace Fanout.Trackers.GitHub;

/// <summary>
/// A GitHub token and where it came from. It never prints: records that hold it, logs and error
/// messages show only its source.
/// </summary>
public sealed class GitHubToken
{
    private readonly string _value;

    public GitHubToken(string value, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        _value = value.Trim();
        Source = source;
    }

    /// <summary>"GITHUB_TOKEN", "GH_TOKEN" or "gh auth token".</summary>
    public string Source { get; }

    /// <summary>The secret itself; only the HTTP layer reads it.</summary>
    public string Reveal() => _value;

    public override string ToString() => $"token from {Source}";
}
