using System.Net;
using System.Net.Sockets;

namespace Fanout.Trackers.GitHub;

/// <summary>
/// The HTTP stack under every request to GitHub. A connection that cannot be made fails within
/// <see cref="ConnectTimeout"/> instead of the operating system's minutes, and a run checks that
/// GitHub answers at all (<see cref="ProbeAsync"/>) before it creates anything.
/// </summary>
public static class GitHubHttp
{
    /// <summary>How long a TCP and TLS connection to GitHub may take before it counts as unreachable.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>What Octokit's own default handler does (it follows redirects itself), with the connect timeout.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        ConnectTimeout = ConnectTimeout,
    };

    /// <summary>
    /// Null when <paramref name="apiBase"/> answers (any HTTP status: a reachable server that refuses
    /// is the access check's business), else why not, in words for the user. Sends no token; waits at
    /// most the connect timeout for the connection and as long again for the answer.
    /// </summary>
    public static async Task<string?> ProbeAsync(Uri apiBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiBase);
        using var client = new HttpClient(CreateHandler()) { Timeout = ConnectTimeout * 2 };
        try
        {
            using var response = await client.GetAsync(apiBase, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return null;
        }
        catch (HttpRequestException error)
        {
            return error.InnerException is SocketException socket ? socket.Message : error.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no connection or no answer within {ConnectTimeout.TotalSeconds:0} s";
        }
    }
}
