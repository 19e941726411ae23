using System.Globalization;
using System.Net;

namespace Fanout.Trackers.GitHub;

/// <summary>Watches every response on its way to Octokit: counts requests and tells the governor when GitHub asks for a pause.</summary>
internal sealed class GitHubHeaders(GitHubGovernor governor) : DelegatingHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary><c>x-ratelimit-reset</c> is in epoch seconds; an unusable value is ignored rather than trusted.</summary>
    public static DateTimeOffset? ParseReset(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = await base.SendAsync(request, cancellationToken);
        var now = governor.Now;
        if (First(response, "x-ratelimit-remaining") == "0" && ParseReset(First(response, "x-ratelimit-reset")) is { } reset)
        {
            governor.BlockUntil(reset);
        }

        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && response.Headers.RetryAfter is { } retryAfter)
        {
            governor.BlockUntil(retryAfter.Date ?? now + (retryAfter.Delta ?? TimeSpan.Zero));
        }

        return response;
    }

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
