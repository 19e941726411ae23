using System.Diagnostics.CodeAnalysis;

namespace Fanout.Trackers.GitHub;

/// <summary>Where a git remote URL points: the host and the repository, from https, ssh and scp-like forms.</summary>
public sealed record GitHubRemote(string Host, GitHubRepository Repository)
{
    public const string PublicHost = "github.com";

    /// <summary>The REST API root: api.github.com for github.com, <c>https://HOST/api/v3/</c> for Enterprise.</summary>
    public Uri ApiBase => string.Equals(Host, PublicHost, StringComparison.OrdinalIgnoreCase)
        ? new Uri("https://api.github.com/")
        : new Uri($"https://{Host}/api/v3/");

    /// <summary>
    /// Parses <c>https://host/o/r(.git)</c>, <c>ssh://git@host(:port)/o/r(.git)</c> and
    /// <c>git@host:o/r(.git)</c>; false for anything else (a local path, a bundle).
    /// </summary>
    public static bool TryParse(string? url, [NotNullWhen(true)] out GitHubRemote? remote)
    {
        remote = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        url = url.Trim();
        string host;
        string path;
        if (url.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh" or "git") || uri.Host.Length == 0)
            {
                return false;
            }

            host = uri.Host;
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else
        {
            // scp-like: [user@]host:owner/name — a colon before any slash.
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            var slash = url.IndexOf('/', StringComparison.Ordinal);
            if (colon <= 0 || (slash >= 0 && slash < colon))
            {
                return false;
            }

            var at = url.LastIndexOf('@', colon);
            host = url[(at + 1)..colon];
            path = url[(colon + 1)..];
        }

        if (host.Length == 0 || !GitHubRepository.TryParse(path.Trim('/'), out var repository))
        {
            return false;
        }

        remote = new GitHubRemote(host.ToLowerInvariant(), repository);
        return true;
    }
}
