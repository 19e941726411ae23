using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Fanout.Trackers;

/// <summary>
/// The hidden line that ties an issue to its (run, task), so a tracker can find the issue again
/// by its body alone: <c>&lt;!-- fanout:run=RUN task=TASK --&gt;</c>.
/// </summary>
public static partial class IssueMarker
{
    public static string For(string runId, string taskId)
    {
        CheckId(runId, nameof(runId));
        CheckId(taskId, nameof(taskId));
        return $"<!-- fanout:run={runId} task={taskId} -->";
    }

    /// <summary>The body with the marker as its last line, unless the body carries it already.</summary>
    public static string AppendTo(string body, string runId, string taskId)
    {
        ArgumentNullException.ThrowIfNull(body);
        var marker = For(runId, taskId);
        if (body.Contains(marker, StringComparison.Ordinal))
        {
            return body;
        }

        return body.Length == 0 ? marker : $"{body.TrimEnd()}\n\n{marker}";
    }

    /// <summary>Finds the marker anywhere in <paramref name="body"/>; the last one wins.</summary>
    public static bool TryParse(string? body, [NotNullWhen(true)] out string? runId, [NotNullWhen(true)] out string? taskId)
    {
        var match = body is null ? null : Pattern().Matches(body).LastOrDefault();
        runId = match?.Groups["run"].Value;
        taskId = match?.Groups["task"].Value;
        return match is not null;
    }

    /// <summary>The body as a person reads it, without the marker line.</summary>
    public static string Strip(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Pattern().Replace(body, string.Empty).TrimEnd();
    }

    // The marker is parsed back by whitespace, so an id with a space could not be found again.
    private static void CheckId(string id, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, name);
        if (id.Any(char.IsWhiteSpace) || id.Contains("-->", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{id}' cannot go in an issue marker: it has whitespace or '-->'.", name);
        }
    }

    [GeneratedRegex(@"<!-- fanout:run=(?<run>\S+) task=(?<task>\S+) -->", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
