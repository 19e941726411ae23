namespace Fanout.Simulation.GitHub;

/// <summary>What the simulated GitHub serves and how badly it behaves.</summary>
public sealed record SimulatedGitHubOptions
{
    public string Owner { get; init; } = "acme";

    public string Name { get; init; } = "widgets";

    /// <summary>The only token it accepts; others get 401.</summary>
    public string Token { get; init; } = "ghp_simulatedGitHubToken000000000000000";

    public bool CanPush { get; init; } = true;

    public bool HasIssues { get; init; } = true;

    /// <summary>How long every answer takes, on top of any fault.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>How long a mutating request waits after it was carried out before it is answered (0 by default).</summary>
    public TimeSpan AnswerDelay { get; init; }

    /// <summary>The share of requests that get a fault (0 to 1).</summary>
    public double FaultRate { get; init; }

    public int Seed { get; init; } = 4;

    /// <summary>What a secondary-limit 403 or a 429 asks for in retry-after.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>How long a slow answer takes.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Faults given to the first requests with this method and path (in order), before any random ones.</summary>
    public IReadOnlyList<ScriptedFault> Script { get; init; } = [];

    /// <summary>Search sees an issue only this long after it was created (GitHub's search is eventually consistent).</summary>
    public TimeSpan SearchLag { get; init; }

    /// <summary>How long GitHub works on each issue it creates, on top of <see cref="Latency"/>: a batch of ten takes ten times this.</summary>
    public TimeSpan CreateLatency { get; init; }

    /// <summary>Whether <c>POST /graphql</c> is served; without it the route answers 404, as a server without GraphQL would.</summary>
    public bool GraphQL { get; init; } = true;
}

public sealed record ScriptedFault(string Method, string Path, FaultKind Fault);

public enum FaultKind
{
    None,
    SecondaryLimit,
    TooManyRequests,
    BadGateway,
    Slow,

    /// <summary>The request is carried out, then answered 502: a blind retry would do it twice.</summary>
    DoneThenBadGateway,

    /// <summary>A batch gets its first half carried out, then the answer is a 502; a single create is carried out.</summary>
    PartlyDoneThenBadGateway,

    /// <summary>GraphQL's own refusal for load: HTTP 200 with a <c>RATE_LIMITED</c> error and no data; nothing is carried out.</summary>
    GraphQLRateLimited,
}

/// <summary>One request as the server saw it; <see cref="ReceivedAt"/> is the server's own monotonic clock.</summary>
public sealed record ServedRequest(string Method, string Path, TimeSpan ReceivedAt, FaultKind Fault)
{
    public int Status { get; set; }

    public bool Mutating => Method is "POST" or "PATCH" or "PUT" or "DELETE";
}

public sealed record SimulatedIssue(int Number, string Title, string Body, IReadOnlyList<string> Labels, DateTimeOffset CreatedAt)
{
    public bool Closed { get; set; }

    public List<string> Comments { get; } = [];
}

public sealed record SimulatedPull(int Number, string Title, string Head, string Base, string Body);
