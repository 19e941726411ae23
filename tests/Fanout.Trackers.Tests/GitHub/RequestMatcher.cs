using System.Text.Json;
using System.Web;

namespace Fanout.Trackers.Tests.GitHub;

/// <summary>How a sent request is compared with a recorded one.</summary>
internal static class RequestMatcher
{
    /// <summary>Same path, and the same query parameters once decoded (order and encoding aside).</summary>
    public static bool SameTarget(string recorded, string sent)
    {
        var (recordedPath, recordedQuery) = Split(recorded);
        var (sentPath, sentQuery) = Split(sent);
        return recordedPath == sentPath
            && recordedQuery.Count == sentQuery.Count
            && recordedQuery.All(p => sentQuery.TryGetValue(p.Key, out var value) && value == p.Value);
    }

    /// <summary>
    /// Every field GitHub was sent in the recording was sent again with the same value; anything
    /// more Fanout sends must be empty (Octokit writes empty lists for what was not set).
    /// </summary>
    public static bool SameBody(JsonElement? recorded, string sent)
    {
        if (recorded is not { } expected)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(sent))
        {
            return false;
        }

        using var document = JsonDocument.Parse(sent);
        var actual = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (var field in expected.EnumerateObject())
        {
            if (!actual.Remove(field.Name, out var value) || value.GetRawText() != field.Value.GetRawText())
            {
                return false;
            }
        }

        return actual.Values.All(v => v.ValueKind == JsonValueKind.Null || (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0));
    }

    private static (string Path, Dictionary<string, string?> Query) Split(string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = HttpUtility.ParseQueryString(question < 0 ? string.Empty : target[(question + 1)..]);
        return (path, query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]));
    }
}
