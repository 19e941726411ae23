using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fanout.Simulation.GitHub;

public sealed partial class SimulatedGitHubServer
{
    private Reply Route(string method, string path, NameValueCollection query, string body)
    {
        var repo = $"/repos/{Options.Owner}/{Options.Name}";
        if (path == "/search/issues" && method == "GET")
        {
            return Search(query["q"] ?? string.Empty);
        }

        if (!path.StartsWith(repo, StringComparison.Ordinal))
        {
            return Reply.Error(404, "Not Found");
        }

        var rest = path[repo.Length..];
        lock (_gate)
        {
            return (method, rest) switch
            {
                ("GET", "") => Reply.Ok(RepositoryJson()),
                ("GET", "/labels") => Reply.Ok(_labels.Select(LabelJson).ToArray()),
                ("GET", _) when rest.StartsWith("/labels/", StringComparison.Ordinal) => _labels.TryGetValue(Uri.UnescapeDataString(rest["/labels/".Length..]), out var label)
                    ? Reply.Ok(LabelJson(label))
                    : Reply.Error(404, "Not Found"),
                ("POST", "/labels") => CreateLabel(Parse(body)),
                ("POST", "/issues") => CreateIssue(Parse(body)),
                ("GET", "/issues") => ListIssues(query),
                ("POST", "/pulls") => CreatePull(Parse(body)),
                ("GET", "/pulls") => Reply.Ok(_pulls.Where(p => query["head"] is not { } head || $"{Options.Owner}:{p.Head}" == head).Select(PullJson).ToArray()),
                _ => IssueRoute(method, rest, body),
            };
        }
    }

    private Reply IssueRoute(string method, string rest, string body)
    {
        var match = IssuePath().Match(rest);
        if (!match.Success || _issues.FirstOrDefault(i => i.Number == int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture)) is not { } issue)
        {
            return Reply.Error(404, "Not Found");
        }

        var comments = match.Groups["comments"].Success;
        switch (method)
        {
            case "GET" when comments:
                return Reply.Ok(issue.Comments.Select((c, i) => CommentJson(issue, c, i)).ToArray());
            case "POST" when comments:
                issue.Comments.Add(Parse(body).GetProperty("body").GetString()!);
                return Reply.Ok(CommentJson(issue, issue.Comments[^1], issue.Comments.Count - 1), 201);
            case "GET":
                return Reply.Ok(IssueJson(issue));
            case "PATCH":
                if (Parse(body).TryGetProperty("state", out var state))
                {
                    issue.Closed = state.GetString() == "closed";
                }

                return Reply.Ok(IssueJson(issue));
            default:
                return Reply.Error(404, "Not Found");
        }
    }

    private Reply CreateLabel(JsonElement body)
    {
        var name = body.GetProperty("name").GetString()!;
        if (!_labels.Add(name))
        {
            return new Reply(422, JsonSerializer.Serialize(new
            {
                message = "Validation Failed",
                errors = new[] { new { resource = "Label", code = "already_exists", field = "name" } },
            }));
        }

        return Reply.Ok(LabelJson(name), 201);
    }

    private Reply CreateIssue(JsonElement body)
    {
        var labels = body.TryGetProperty("labels", out var l) ? l.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        var issue = new SimulatedIssue(_issues.Count + 1, body.GetProperty("title").GetString()!, body.TryGetProperty("body", out var b) ? b.GetString() ?? string.Empty : string.Empty, labels, DateTimeOffset.UtcNow);
        _issues.Add(issue);
        return Reply.Ok(IssueJson(issue), 201);
    }

    private Reply CreatePull(JsonElement body)
    {
        var head = body.GetProperty("head").GetString()!;
        if (_pulls.Any(p => p.Head == head))
        {
            return new Reply(422, JsonSerializer.Serialize(new
            {
                message = "Validation Failed",
                errors = new[] { new { resource = "PullRequest", code = "custom", message = $"A pull request already exists for {Options.Owner}:{head}." } },
            }));
        }

        var pull = new SimulatedPull(_issues.Count + 1, body.GetProperty("title").GetString()!, head, body.GetProperty("base").GetString()!, body.GetProperty("body").GetString() ?? string.Empty);
        _issues.Add(new SimulatedIssue(pull.Number, pull.Title, pull.Body, [], DateTimeOffset.UtcNow));
        _pulls.Add(pull);
        return Reply.Ok(PullJson(pull), 201);
    }

    private Reply ListIssues(NameValueCollection query)
    {
        IEnumerable<SimulatedIssue> issues = _issues.Where(i => !_pulls.Any(p => p.Number == i.Number)).OrderByDescending(i => i.Number);
        if (query["labels"] is { Length: > 0 } labels)
        {
            issues = issues.Where(i => labels.Split(',').All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)));
        }

        issues = (query["state"] ?? "open") switch
        {
            "all" => issues,
            "closed" => issues.Where(i => i.Closed),
            _ => issues.Where(i => !i.Closed),
        };
        var size = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var s) ? s : 30;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        var all = issues.ToArray();
        var reply = Reply.Ok(all.Skip((page - 1) * size).Take(size).Select(IssueJson).ToArray());
        if (page * size >= all.Length)
        {
            return reply;
        }

        var next = new UriBuilder(BaseAddress) { Path = $"repos/{Options.Owner}/{Options.Name}/issues" };
        var parameters = query.AllKeys.Where(k => k is not null && k != "page").Select(k => $"{k}={Uri.EscapeDataString(query[k]!)}").Append($"page={page + 1}");
        next.Query = string.Join('&', parameters);
        return reply with { Link = $"<{next.Uri}>; rel=\"next\"" };
    }

    /// <summary>Matches the quoted phrase of <c>q</c> against bodies, as GitHub's search roughly does; new issues show only after the lag.</summary>
    private Reply Search(string q)
    {
        var phrase = QuotedPhrase().Match(q) is { Success: true } m ? m.Groups[1].Value : q.Split(' ')[0];
        var visibleBefore = DateTimeOffset.UtcNow - Options.SearchLag;
        lock (_gate)
        {
            var items = _issues.Where(i => i.CreatedAt <= visibleBefore && i.Body.Contains(phrase, StringComparison.OrdinalIgnoreCase)).Select(IssueJson).ToArray();
            return Reply.Ok(new Dictionary<string, object> { ["total_count"] = items.Length, ["incomplete_results"] = false, ["items"] = items });
        }
    }

    private static JsonElement Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private Dictionary<string, object?> RepositoryJson() => new()
    {
        ["id"] = 1,
        ["node_id"] = RepositoryNodeId,
        ["name"] = Options.Name,
        ["full_name"] = Repository,
        ["owner"] = new Dictionary<string, object> { ["login"] = Options.Owner, ["id"] = 1 },
        ["has_issues"] = Options.HasIssues,
        ["permissions"] = new Dictionary<string, bool> { ["admin"] = false, ["maintain"] = false, ["push"] = Options.CanPush, ["triage"] = Options.CanPush, ["pull"] = true },
    };

    private static Dictionary<string, object> LabelJson(string name) => new()
    {
        ["id"] = Math.Abs(name.GetHashCode(StringComparison.Ordinal)),
        ["node_id"] = LabelNodeId(name),
        ["name"] = name,
        ["color"] = "ededed",
    };

    private Dictionary<string, object?> IssueJson(SimulatedIssue issue) => new()
    {
        ["id"] = issue.Number,
        ["number"] = issue.Number,
        ["title"] = issue.Title,
        ["body"] = issue.Body,
        ["state"] = issue.Closed ? "closed" : "open",
        ["labels"] = issue.Labels.Select(LabelJson).ToArray(),
        ["html_url"] = $"https://github.example/{Repository}/issues/{issue.Number}",
        ["created_at"] = issue.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["closed_at"] = issue.Closed ? issue.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null,
        ["comments"] = issue.Comments.Count,
        ["user"] = new Dictionary<string, object> { ["login"] = "fanout-bot", ["id"] = 2 },
    };

    private Dictionary<string, object> CommentJson(SimulatedIssue issue, string body, int index) => new()
    {
        ["id"] = (issue.Number * 1000) + index,
        ["body"] = body,
        ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["html_url"] = $"https://github.example/{Repository}/issues/{issue.Number}#issuecomment-{index}",
        ["user"] = new Dictionary<string, object> { ["login"] = "fanout-bot", ["id"] = 2 },
    };

    private Dictionary<string, object> PullJson(SimulatedPull pull) => new()
    {
        ["id"] = pull.Number,
        ["number"] = pull.Number,
        ["title"] = pull.Title,
        ["body"] = pull.Body,
        ["state"] = "open",
        ["html_url"] = $"https://github.example/{Repository}/pull/{pull.Number}",
        ["head"] = new Dictionary<string, object> { ["ref"] = pull.Head, ["label"] = $"{Options.Owner}:{pull.Head}" },
        ["base"] = new Dictionary<string, object> { ["ref"] = pull.Base, ["label"] = $"{Options.Owner}:{pull.Base}" },
    };

    [GeneratedRegex(@"^/issues/(?<n>\d+)(?<comments>/comments)?$")]
    private static partial Regex IssuePath();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPhrase();
}
