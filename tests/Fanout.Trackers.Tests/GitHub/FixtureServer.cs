using System.Net;
using System.Text;
using System.Text.Json;

using Fanout.Simulation;
using Fanout.TestSupport;

namespace Fanout.Trackers.Tests.GitHub;

/// <summary>
/// Replays one @octokit/fixtures scenario on 127.0.0.1: a request matching a recorded one (method,
/// path and query, and the recorded body's fields) gets the recorded status, headers and body.
/// Links to api.github.com in headers are pointed here so pagination stays local.
/// </summary>
internal sealed class FixtureServer : IAsyncDisposable
{
    private const string RecordedHost = "https://api.github.com";
    private static readonly string[] HopHeaders = ["content-length", "connection", "transfer-encoding", "keep-alive"];

    private readonly HttpListener _listener;
    private readonly List<Exchange> _exchanges;
    private readonly Task _loop;
    private readonly Lock _gate = new();

    private FixtureServer(HttpListener listener, Uri baseAddress, List<Exchange> exchanges)
    {
        _listener = listener;
        BaseAddress = baseAddress;
        _exchanges = exchanges;
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public List<SeenRequest> Requests { get; } = [];

    public List<string> Unmatched { get; } = [];

    public static FixtureServer Start(string scenario)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(OctokitFixtures.Scenario(scenario)));
        var exchanges = document.RootElement.EnumerateArray().Select(Exchange.From).ToList();
        var (listener, address) = LocalListener.Start();
        return new FixtureServer(listener, address, exchanges);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        while (await LocalListener.NextAsync(_listener) is { } context)
        {
            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var seen = new SeenRequest(request.HttpMethod, request.Url!.PathAndQuery, await reader.ReadToEndAsync(), request.Headers["Authorization"], request.Headers["Accept"]);
        Exchange? match;
        lock (_gate)
        {
            Requests.Add(seen);
            match = _exchanges.FirstOrDefault(e => e.Matches(seen));
            if (match is null)
            {
                Unmatched.Add($"{seen.Method} {seen.PathAndQuery} {seen.Body}");
            }
            else
            {
                _exchanges.Remove(match);
            }
        }

        var response = context.Response;
        if (match is null)
        {
            response.StatusCode = 501;
            await WriteAsync(response, "{\"message\":\"no recorded exchange matches this request\"}");
            return;
        }

        response.StatusCode = match.Status;
        foreach (var (name, value) in match.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            response.Headers[name] = value.Replace(RecordedHost, BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
        }

        await WriteAsync(response, match.Body);
    }

    private static async Task WriteAsync(HttpListenerResponse response, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > 0)
        {
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }

        response.Close();
    }

    internal sealed record SeenRequest(string Method, string PathAndQuery, string Body, string? Authorization, string? Accept);

    private sealed record Exchange(string Method, string Path, JsonElement? RequestBody, int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public static Exchange From(JsonElement e) => new(
            e.GetProperty("method").GetString()!.ToUpperInvariant(),
            e.GetProperty("path").GetString()!,
            e.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object ? body.Clone() : null,
            e.GetProperty("status").GetInt32(),
            e.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()),
            e.GetProperty("response") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : e.GetProperty("response").GetRawText());

        public bool Matches(SeenRequest request) =>
            request.Method == Method && RequestMatcher.SameTarget(Path, request.PathAndQuery) && RequestMatcher.SameBody(RequestBody, request.Body);
    }
}
