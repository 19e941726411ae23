using System.Globalization;
using System.Net;

using Octokit;

namespace Fanout.Trackers.GitHub;

/// <summary>What a failed request means for the next attempt.</summary>
internal enum FailureKind
{
    /// <summary>Retrying cannot help (404, 422, 401, ...).</summary>
    Fatal,

    /// <summary>GitHub refused it before doing anything (secondary limit, 429, quota): wait, then send again.</summary>
    Refused,

    /// <summary>No clear answer (502, 503, timeout, dropped connection): the request may have been carried out.</summary>
    Ambiguous,
}

internal sealed record RetryAdvice(FailureKind Kind, TimeSpan Delay, bool Global);

/// <summary>Reads GitHub's failures: which to retry, after how long, and what the user is told about the rest.</summary>
internal static class GitHubFailure
{
    private const string SecondaryLimitText = "secondary rate limit";

    public static RetryAdvice Classify(Exception error, int attempt, DateTimeOffset now)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1)));
        switch (error)
        {
            case RateLimitExceededException quota:
                return new(FailureKind.Refused, Max(RetryAfter(quota) ?? quota.Reset - now, TimeSpan.FromSeconds(1)), Global: true);
            case ApiException api when IsSecondaryLimit(api):
                // GitHub: without retry-after, wait at least a minute, and longer each time.
                return new(FailureKind.Refused, RetryAfter(api) ?? TimeSpan.FromMinutes(Math.Min(15, Math.Pow(2, attempt - 1))), Global: true);
            case ApiException { StatusCode: (HttpStatusCode)429 } api:
                return new(FailureKind.Refused, RetryAfter(api) ?? Reset(api, now) ?? backoff, Global: true);
            case ApiException { StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } api:
                return new(FailureKind.Ambiguous, RetryAfter(api) ?? backoff, Global: false);
            case ApiException:
                return new(FailureKind.Fatal, TimeSpan.Zero, Global: false);
            case HttpRequestException or TimeoutException or OperationCanceledException:
                return new(FailureKind.Ambiguous, backoff, Global: false);
            default:
                return new(FailureKind.Fatal, TimeSpan.Zero, Global: false);
        }
    }

    /// <summary>The typed tracker error for a failure that will not be retried (again).</summary>
    public static TrackerException ToTrackerException(Exception error, string what, DateTimeOffset now) => error switch
    {
        TrackerException tracker => tracker,
        NotFoundException => new TrackerNotFoundException($"{what}: not found on GitHub (404)"),
        ApiValidationException validation => new TrackerValidationException($"{what}: GitHub refused it (422): {Describe(validation)}"),
        RateLimitExceededException quota => new TrackerRateLimitedException($"{what}: GitHub's rate limit is used up until {quota.Reset:u}", quota.Reset),
        ApiException api when IsSecondaryLimit(api) || api.StatusCode == (HttpStatusCode)429 =>
            new TrackerRateLimitedException($"{what}: GitHub kept refusing with its secondary rate limit ({(int)api.StatusCode})", now + (RetryAfter(api) ?? TimeSpan.FromMinutes(1))),
        AuthorizationException => new TrackerException($"{what}: GitHub rejected the token (401); check GITHUB_TOKEN, GH_TOKEN or 'gh auth login'", error),
        ApiException api => new TrackerException($"{what}: GitHub answered {(int)api.StatusCode}: {api.ApiError?.Message ?? api.Message}", error),
        HttpRequestException http => new TrackerException($"{what}: cannot reach GitHub: {http.Message}", error),
        OperationCanceledException or TimeoutException => new TrackerException($"{what}: GitHub did not answer in time", error),
        _ => new TrackerException($"{what}: {error.Message}", error),
    };

    /// <summary>True when a 422 says the thing exists already (a label, a pull request).</summary>
    public static bool IsAlreadyThere(ApiValidationException error) =>
        error.ApiError?.Errors?.Any(e => e.Code == "already_exists" || (e.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) ?? false)) ?? false;

    public static bool IsSecondaryLimit(ApiException error) =>
        error is SecondaryRateLimitExceededException or AbuseException
        || (error.StatusCode == HttpStatusCode.Forbidden
            && $"{error.ApiError?.Message} {error.HttpResponse?.Body as string} {error.Message}".Contains(SecondaryLimitText, StringComparison.OrdinalIgnoreCase));

    private static string Describe(ApiValidationException error)
    {
        var details = error.ApiError?.Errors?.Select(e => e.Message ?? $"{e.Resource}.{e.Field} {e.Code}").ToArray() ?? [];
        var message = error.ApiError?.Message ?? "Validation Failed";
        return details.Length == 0 ? message : $"{message}: {string.Join("; ", details)}";
    }

    private static TimeSpan? RetryAfter(ApiException error) =>
        Header(error, "Retry-After") is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static TimeSpan? Reset(ApiException error, DateTimeOffset now) =>
        GitHubHeaders.ParseReset(Header(error, "X-RateLimit-Reset")) is { } reset && reset > now ? reset - now : null;

    private static string? Header(ApiException error, string name) =>
        error.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
