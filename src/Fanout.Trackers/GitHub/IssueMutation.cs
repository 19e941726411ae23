using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Fanout.Trackers.GitHub;

/// <summary>One issue to create in a batch: its title, its body with the marker, and its labels' node ids.</summary>
internal sealed record IssueDraft(string RunId, string TaskId, string Title, string Body, IReadOnlyList<string> LabelIds);

/// <summary>
/// The GraphQL document that creates several issues in one request: one aliased <c>createIssue</c>
/// per draft (<c>i0</c>, <c>i1</c>, ...), every value passed as a variable so no text is spliced into
/// the document. GitHub runs a mutation's fields one after another, in order.
/// </summary>
internal static class IssueMutation
{
    private const string Fields = "issue { number title body state createdAt closedAt url labels(first: 100) { nodes { name } } }";

    public static (string Query, JsonObject Variables) Build(string repositoryId, IReadOnlyList<IssueDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var declarations = new StringBuilder("$repository: ID!");
        var fields = new StringBuilder();
        var variables = new JsonObject { ["repository"] = repositoryId };
        for (var i = 0; i < drafts.Count; i++)
        {
            declarations.Append(CultureInfo.InvariantCulture, $", $title{i}: String!, $body{i}: String, $labels{i}: [ID!]");
            fields.Append(CultureInfo.InvariantCulture, $" {Alias(i)}: createIssue(input: {{repositoryId: $repository, title: $title{i}, body: $body{i}, labelIds: $labels{i}}}) {{ {Fields} }}");
            variables[$"title{i}"] = drafts[i].Title;
            variables[$"body{i}"] = drafts[i].Body;
            variables[$"labels{i}"] = new JsonArray([.. drafts[i].LabelIds.Select(id => (JsonNode?)JsonValue.Create(id))]);
        }

        return ($"mutation CreateIssues({declarations}) {{{fields} }}", variables);
    }

    public static string Alias(int index) => $"i{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The issue an alias created, or null when the answer has none for it.</summary>
    public static TrackerIssue? Created(JsonObject answer, int index)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer["data"]?[Alias(index)]?["issue"] is not JsonObject issue)
        {
            return null;
        }

        var body = (string?)issue["body"] ?? string.Empty;
        var marked = IssueMarker.TryParse(body, out var runId, out var taskId);
        return new TrackerIssue(
            (int)issue["number"]!,
            (string?)issue["title"] ?? string.Empty,
            body,
            (string?)issue["state"] == "CLOSED" ? IssueState.Closed : IssueState.Open,
            DateTimeOffset.Parse((string)issue["createdAt"]!, CultureInfo.InvariantCulture))
        {
            Labels = [.. (issue["labels"]?["nodes"] as JsonArray ?? []).Select(label => (string?)label?["name"]).OfType<string>()],
            Url = (string?)issue["url"],
            RunId = marked ? runId : null,
            TaskId = marked ? taskId : null,
            ClosedAt = (string?)issue["closedAt"] is { } closed ? DateTimeOffset.Parse(closed, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>GitHub's errors about an alias (their <c>path</c> starts with it), or about the whole request when <paramref name="index"/> is null.</summary>
    public static IReadOnlyList<GraphQLError> Errors(JsonObject answer, int? index)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var alias = index is { } i ? Alias(i) : null;
        return [.. (answer["errors"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(e => new GraphQLError((string?)e["type"], (string?)e["message"] ?? "unknown error", (e["path"] as JsonArray)?.FirstOrDefault()?.ToString()))
            .Where(e => e.Alias == alias)];
    }
}

/// <summary>One entry of a GraphQL answer's <c>errors</c>: GitHub's type (NOT_FOUND, RATE_LIMITED, ...), its message, and the alias it is about.</summary>
internal sealed record GraphQLError(string? Type, string Message, string? Alias)
{
    /// <summary>GitHub refused for load, not for content: the same request may be sent again later.</summary>
    public bool RateLimited => Type is "RATE_LIMITED" || Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase);
}
