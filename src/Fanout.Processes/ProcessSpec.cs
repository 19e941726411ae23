namespace Fanout.Processes;

/// <summary>What to run: a program and its argument list, never a shell string.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Written to standard input, which is then closed; agents must never wait for a keyboard.</summary>
    public string? StandardInput { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>Receives every line of both streams as it arrives (called from reader threads).</summary>
    public Action<OutputKind, string>? OnLine { get; init; }

    /// <summary>
    /// Runs the program as the leader of its own process group, ended as a whole on cancel or
    /// timeout, and by the watchdog if this process dies first: for agents and plan commands,
    /// which must never outlive the Fanout that started them.
    /// </summary>
    public bool Isolated { get; init; }

    /// <summary>Called with the pid once the program started (for an isolated one, the pid that leads its group).</summary>
    public Action<int>? OnStarted { get; init; }

    /// <summary>How much of standard output to keep in memory; logs go through <see cref="OnLine"/>.</summary>
    public int CaptureLimit { get; init; } = 4 * 1024 * 1024;

    public static ProcessSpec Of(string fileName, params string[] arguments) => new(fileName, arguments);

    /// <summary>How a user would type it, for messages only; never executed.</summary>
    public string Display => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%{}".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

public enum OutputKind
{
    StandardOutput,
    StandardError,
}
