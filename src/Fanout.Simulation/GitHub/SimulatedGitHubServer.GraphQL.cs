using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fanout.Simulation.GitHub;

public sealed partial class SimulatedGitHubServer
{
    /// <summary>The repository's GraphQL node id, as its REST answer carries it in <c>node_id</c>.</summary>
    public string RepositoryNodeId => $"R_{Options.Owner}_{Options.Name}";

    /// <summary>A label's GraphQL node id, as its REST answer carries it in <c>node_id</c>.</summary>
    public static string LabelNodeId(string name) => $"LA_{Uri.EscapeDataString(name)}";

    /// <summary>REST creates take their own time per issue, as GraphQL's do.</summary>
    private async Task<Reply> CreatingAsync(ServedRequest served, Func<Reply> route)
    {
        if (served.Method == "POST" && served.Path.EndsWith("/issues", StringComparison.Ordinal) && Options.CreateLatency > TimeSpan.Zero)
        {
            await Task.Delay(Options.CreateLatency);
        }

        return route();
    }

    /// <summary>
    /// GitHub's GraphQL answer to a document of aliased <c>createIssue</c> mutations: each field runs
    /// in order, its issue or its error reported under its alias; anything else in the document is a
    /// validation error, as GitHub reports one (HTTP 200, <c>errors</c>, no <c>data</c>).
    /// </summary>
    /// <param name="half">Create only the first half, then fail (the caller answers 502).</param>
    private async Task<Reply> GraphQLAsync(string body, bool half)
    {
        if (!Options.GraphQL)
        {
            return Reply.Error(404, "Not Found");
        }

        using var document = JsonDocument.Parse(body);
        var query = document.RootElement.GetProperty("query").GetString() ?? string.Empty;
        var variables = document.RootElement.TryGetProperty("variables", out var v) ? v : default;
        var fields = CreateIssueField().Matches(query);
        var rest = CreateIssueField().Replace(MutationHeader().Replace(query, string.Empty, 1), string.Empty).Trim();
        if (fields.Count == 0 || rest != "}")
        {
            return GraphQLError(null, "undefinedField", "The simulated GitHub serves only mutations of aliased createIssue fields");
        }

        var data = new Dictionary<string, object?>();
        var errors = new List<object>();
        var count = half ? (fields.Count + 1) / 2 : fields.Count;
        foreach (var field in fields.Take(count))
        {
            var alias = field.Groups["alias"].Value;
            if (Options.CreateLatency > TimeSpan.Zero)
            {
                await Task.Delay(Options.CreateLatency);
            }

            var input = Arguments(field.Groups["args"].Value, variables);
            lock (_gate)
            {
                var (issue, error) = CreateIssue(input);
                data[alias] = issue is null ? null : new Dictionary<string, object?> { ["issue"] = GraphQLIssue(issue) };
                if (error is not null)
                {
                    errors.Add(new Dictionary<string, object?> { ["type"] = "NOT_FOUND", ["path"] = new[] { alias }, ["message"] = error });
                }
            }
        }

        var answer = new Dictionary<string, object?> { ["data"] = data };
        if (errors.Count > 0)
        {
            answer["errors"] = errors;
        }

        return Reply.Ok(answer);
    }

    private (SimulatedIssue? Issue, string? Error) CreateIssue(Dictionary<string, JsonElement> input)
    {
        if (!input.TryGetValue("repositoryId", out var repository) || repository.GetString() != RepositoryNodeId)
        {
            return (null, $"Could not resolve to a node with the global id of '{(input.TryGetValue("repositoryId", out var r) ? r.ToString() : string.Empty)}'");
        }

        var labels = new List<string>();
        if (input.TryGetValue("labelIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray().Select(e => e.GetString()))
            {
                var name = _labels.FirstOrDefault(l => LabelNodeId(l) == id);
                if (name is null)
                {
                    return (null, $"Could not resolve to a node with the global id of '{id}'");
                }

                labels.Add(name);
            }
        }

        var title = input.TryGetValue("title", out var t) ? t.GetString() : null;
        if (string.IsNullOrEmpty(title))
        {
            return (null, "title can't be blank");
        }

        var body = input.TryGetValue("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : string.Empty;
        var issue = new SimulatedIssue(_issues.Count + 1, title, body, labels, DateTimeOffset.UtcNow);
        _issues.Add(issue);
        return (issue, null);
    }

    /// <summary>The input object's fields, each a variable reference resolved against the request's variables.</summary>
    private static Dictionary<string, JsonElement> Arguments(string text, JsonElement variables)
    {
        var input = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (Match argument in InputArgument().Matches(text))
        {
            if (variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(argument.Groups["variable"].Value, out var value))
            {
                input[argument.Groups["name"].Value] = value.Clone();
            }
        }

        return input;
    }

    private Dictionary<string, object?> GraphQLIssue(SimulatedIssue issue) => new()
    {
        ["number"] = issue.Number,
        ["title"] = issue.Title,
        ["body"] = issue.Body,
        ["state"] = issue.Closed ? "CLOSED" : "OPEN",
        ["createdAt"] = issue.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["closedAt"] = null,
        ["url"] = $"https://github.example/{Repository}/issues/{issue.Number}",
        ["labels"] = new Dictionary<string, object> { ["nodes"] = issue.Labels.Select(l => new Dictionary<string, string> { ["name"] = l }).ToArray() },
    };

    private static Reply GraphQLError(string? alias, string type, string message) =>
        Reply.Ok(new Dictionary<string, object?>
        {
            ["errors"] = new[] { new Dictionary<string, object?> { ["type"] = type, ["path"] = alias is null ? null : new[] { alias }, ["message"] = message } },
        });

    [GeneratedRegex(@"(?<alias>\w+)\s*:\s*createIssue\(input:\s*\{(?<args>[^}]*)\}\)\s*\{(?:[^{}]|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})*\}")]
    private static partial Regex CreateIssueField();

    [GeneratedRegex(@"^\s*mutation\s+\w*\s*(\([^)]*\))?\s*\{")]
    private static partial Regex MutationHeader();

    [GeneratedRegex(@"(?<name>\w+)\s*:\s*\$(?<variable>\w+)")]
    private static partial Regex InputArgument();
}
