namespace Fanout.Agents;

/// <summary>What an agent said about its own run, read from its machine-readable output.</summary>
/// <param name="Summary">One line: how it ended, turns, cost.</param>
public sealed record AgentReport(string Summary)
{
    /// <summary>The agent itself says it failed (Claude's is_error, Codex's turn.failed).</summary>
    public bool IsError { get; init; }

    /// <summary>The agent's own words about the failure.</summary>
    public string? Error { get; init; }

    /// <summary>Tool uses the agent's permission mode refused (tool and target); the gate judges what that cost.</summary>
    public IReadOnlyList<string> Denials { get; init; } = [];

    /// <summary>The report a failure or a failed gate should quote, or null when there is nothing worth saying.</summary>
    public string? Notes()
    {
        var parts = new List<string>();
        if (IsError && Error is { Length: > 0 } error)
        {
            parts.Add($"the agent reported an error: {error}");
        }

        if (Denials.Count > 0)
        {
            parts.Add($"{Denials.Count} permission denial(s): {string.Join("; ", Denials.Take(5))}{(Denials.Count > 5 ? "; ..." : string.Empty)}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

/// <summary>Turns an agent's stdout lines into progress and, at the end, a report. Fed one line at a time, in order.</summary>
public interface IAgentOutputReader
{
    void Read(string line, IProgress<AgentProgress>? progress);

    /// <summary>Null until the agent printed its closing summary (or when it never did).</summary>
    AgentReport? Report { get; }
}
