using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Fanout.Simulation.GitHub;

/// <summary>
/// Just enough of GitHub's issues API on 127.0.0.1 (repository, labels, issues, comments, search,
/// pull requests, and GraphQL's <c>createIssue</c>) to rehearse the GitHub tracker offline: each
/// answer can take a set latency, each issue created a time of its own, and a
/// share of requests can get GitHub's faults: secondary-limit 403s and 429s with retry-after, 502s,
/// slow answers, and creates carried out but answered 502.
/// </summary>
public sealed partial class SimulatedGitHubServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly List<Task> _handlers = [];
    private readonly List<ServedRequest> _requests = [];
    private readonly List<string> _bodies = [];
    private readonly List<ScriptedFault> _script;
    private readonly List<SimulatedIssue> _issues = [];
    private readonly List<SimulatedPull> _pulls = [];
    private readonly HashSet<string> _labels = new(StringComparer.OrdinalIgnoreCase) { "bug" };

    private SimulatedGitHubServer(SimulatedGitHubOptions options, HttpListener listener, Uri address)
    {
        Options = options;
        _listener = listener;
        BaseAddress = address;
        _random = new Random(options.Seed);
        _script = [.. options.Script];
        _loop = Task.Run(AcceptAsync);
    }

    public SimulatedGitHubOptions Options { get; }

    public Uri BaseAddress { get; }

    public string Repository => $"{Options.Owner}/{Options.Name}";

    public IReadOnlyList<ServedRequest> Requests => Snapshot(_requests);

    public IReadOnlyList<SimulatedIssue> Issues => Snapshot(_issues);

    public IReadOnlyList<SimulatedPull> Pulls => Snapshot(_pulls);

    public IReadOnlyList<string> Labels => Snapshot(_labels);

    /// <summary>Every request body the server was sent, for checking that secrets never travel where they should not.</summary>
    public IReadOnlyList<string> Bodies => Snapshot(_bodies);

    public static SimulatedGitHubServer Start(SimulatedGitHubOptions? options = null)
    {
        var (listener, address) = LocalListener.Start();
        return new SimulatedGitHubServer(options ?? new SimulatedGitHubOptions(), listener, address);
    }

    /// <summary>Adds an issue as if an earlier run had made it.</summary>
    public SimulatedIssue Seed(string title, string body, params string[] labels)
    {
        lock (_gate)
        {
            var issue = new SimulatedIssue(_issues.Count + 1, title, body, labels, DateTimeOffset.UtcNow.AddHours(-1));
            _issues.Add(issue);
            return issue;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        Task[] handlers;
        lock (_gate)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers);
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Stop let the port go; closing asks for it again, and another process may hold it by now.
        }
    }

    private IReadOnlyList<T> Snapshot<T>(IEnumerable<T> items)
    {
        lock (_gate)
        {
            return [.. items];
        }
    }

    private async Task AcceptAsync()
    {
        while (await LocalListener.NextAsync(_listener) is { } context)
        {
            var handler = Task.Run(() => HandleAsync(context));
            lock (_gate)
            {
                _handlers.Add(handler);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var received = _clock.Elapsed;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = request.Url!.AbsolutePath.TrimEnd('/');
        var served = new ServedRequest(request.HttpMethod, path, received, PickFault(request.HttpMethod, path));
        lock (_gate)
        {
            _requests.Add(served);
            _bodies.Add(body);
        }

        var reply = await ReplyAsync(served, request, body);
        served.Status = reply.Status;
        try
        {
            await WriteAsync(context.Response, reply);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up on a slow answer.
        }
    }

    private async Task<Reply> ReplyAsync(ServedRequest served, HttpListenerRequest request, string body)
    {
        if (Options.Latency > TimeSpan.Zero)
        {
            // A round trip to the real service, paid by every request, faulty or not.
            await Task.Delay(Options.Latency);
        }

        if (!Authorized(request.Headers["Authorization"]))
        {
            return Reply.Error(401, "Bad credentials");
        }

        switch (served.Fault)
        {
            case FaultKind.SecondaryLimit:
                return Reply.Error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.") with { RetryAfter = Options.RetryAfterSeconds };
            case FaultKind.TooManyRequests:
                return Reply.Error(429, "Too many requests") with { RetryAfter = Options.RetryAfterSeconds };
            case FaultKind.BadGateway:
                return Reply.Error(502, "Server Error");
            case FaultKind.Slow:
                await Task.Delay(Options.SlowDelay);
                break;
        }

        Reply reply;
        try
        {
            reply = served is { Method: "POST", Path: "/graphql" }
                ? served.Fault == FaultKind.GraphQLRateLimited
                    ? GraphQLError(null, "RATE_LIMITED", "API rate limit exceeded for user ID 2.")
                    : await GraphQLAsync(body, served.Fault == FaultKind.PartlyDoneThenBadGateway)
                : await CreatingAsync(served, () => Route(served.Method, served.Path, request.QueryString, body));
        }
        catch (JsonException)
        {
            reply = Reply.Error(400, "Problems parsing JSON");
        }

        if (served.Mutating && Options.AnswerDelay > TimeSpan.Zero)
        {
            // Done, but not yet answered: a client that dies now never hears that it was.
            await Task.Delay(Options.AnswerDelay);
        }

        return served.Fault is FaultKind.DoneThenBadGateway or FaultKind.PartlyDoneThenBadGateway ? Reply.Error(502, "Server Error") : reply;
    }

    private bool Authorized(string? header) =>
        header is not null
        && header.Split(' ', 2) is [var scheme, var token]
        && (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        && token == Options.Token;

    private FaultKind PickFault(string method, string path)
    {
        lock (_gate)
        {
            var scripted = _script.FindIndex(f => f.Method == method && f.Path == path);
            if (scripted >= 0)
            {
                var fault = _script[scripted].Fault;
                _script.RemoveAt(scripted);
                return fault;
            }

            if (Options.FaultRate <= 0 || _random.NextDouble() >= Options.FaultRate)
            {
                return FaultKind.None;
            }

            // Only a create can be carried out and still answered 502; that is the duplicate trap.
            var creates = method == "POST";
            var kinds = creates
                ? new[] { FaultKind.SecondaryLimit, FaultKind.TooManyRequests, FaultKind.BadGateway, FaultKind.Slow, FaultKind.DoneThenBadGateway, FaultKind.PartlyDoneThenBadGateway }
                : [FaultKind.SecondaryLimit, FaultKind.TooManyRequests, FaultKind.BadGateway, FaultKind.Slow];
            return kinds[_random.Next(kinds.Length)];
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, Reply reply)
    {
        response.StatusCode = reply.Status;
        response.ContentType = "application/json; charset=utf-8";
        if (reply.RetryAfter is { } seconds)
        {
            response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (reply.Link is { } link)
        {
            response.Headers["Link"] = link;
        }

        var bytes = Encoding.UTF8.GetBytes(reply.Json);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private sealed record Reply(int Status, string Json)
    {
        public int? RetryAfter { get; init; }

        public string? Link { get; init; }

        public static Reply Error(int status, string message) =>
            new(status, JsonSerializer.Serialize(new Dictionary<string, object> { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest" }));

        public static Reply Ok(object value, int status = 200) => new(status, JsonSerializer.Serialize(value));
    }
}
