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
