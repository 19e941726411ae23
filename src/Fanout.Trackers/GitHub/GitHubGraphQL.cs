using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Octokit;

namespace Fanout.Trackers.GitHub;

/// <summary>
/// Sends GraphQL documents to GitHub through the same handler as the REST calls (so every request is
/// counted and GitHub's pauses reach the governor). An HTTP failure becomes the exception Octokit
/// throws for the same answer to a REST call, so one classifier decides what is retried.
/// </summary>
internal sealed class GitHubGraphQL : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public GitHubGraphQL(HttpMessageHandler handler, GitHubTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = options.GraphQLEndpoint;

        // The handler belongs to the REST connection as well; this client only borrows it.
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = options.Pacing.RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("fanout", typeof(GitHubGraphQL).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", options.Token.Reveal());
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The answer's top-level object (<c>data</c>, <c>errors</c>); HTTP failures throw as Octokit would.</summary>
    public async Task<JsonObject> SendAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response, text);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            // A proxy's page, a truncated body: no clear answer, so the batch may have been carried out.
            throw new ApiException(Response(response, text));
        }
    }

    public void Dispose() => _http.Dispose();

    private static ApiException Failure(HttpResponseMessage response, string body)
    {
        var answer = Response(response, body);
        var secondary = body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new AuthorizationException(answer),
            HttpStatusCode.Forbidden when secondary => new SecondaryRateLimitExceededException(answer),
            HttpStatusCode.Forbidden when First(response, "x-ratelimit-remaining") == "0" => new RateLimitExceededException(answer),
            HttpStatusCode.Forbidden => new ForbiddenException(answer),
            HttpStatusCode.NotFound => new NotFoundException(answer),
            HttpStatusCode.UnprocessableEntity => new ApiValidationException(answer),
            _ => new ApiException(answer),
        };
    }

    private static GraphQLResponse Response(HttpResponseMessage response, string body)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        return new GraphQLResponse(response.StatusCode, body, headers, response.Content.Headers.ContentType?.MediaType ?? "application/json");
    }

    /// <summary>An answer as Octokit's exceptions read it (its own response type is internal).</summary>
    private sealed record GraphQLResponse(HttpStatusCode StatusCode, object Body, IReadOnlyDictionary<string, string> Headers, string ContentType) : IResponse
    {
        public ApiInfo? ApiInfo => null;
    }

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
