using System.Net;
using System.Text.Json.Nodes;

using Octokit;

namespace Fanout.Trackers.GitHub;

internal sealed partial class IssueBatcher
{
    /// <summary>
    /// One attempt with what is still missing of the batch. Issues GitHub made are handed out at
    /// once; an answer that refuses GraphQL itself (no such endpoint, not for this token) made nothing.
    /// </summary>
    private async Task<BatchOutcome> SendOnceAsync(string repository, BatchState state, CancellationToken cancellationToken)
    {
        var drafts = state.Remaining.Select(p => p.Draft).ToArray();
        var (query, variables) = IssueMutation.Build(repository, drafts);
        JsonObject answer;
        try
        {
            answer = await api.GraphQL.SendAsync(query, variables, cancellationToken);
        }
        catch (ApiException refused) when (RefusesGraphQL(refused))
        {
            return BatchOutcome.RefusedGraphQL;
        }

        var missing = new List<PendingIssue>();
        var limits = IssueMutation.Errors(answer, null).Where(e => e.RateLimited).ToList();
        for (var i = 0; i < drafts.Length; i++)
        {
            var pending = state.Remaining[i];
            if (IssueMutation.Created(answer, i) is { } issue)
            {
                pending.Complete(issue);
                continue;
            }

            var errors = IssueMutation.Errors(answer, i);
            limits.AddRange(errors.Where(e => e.RateLimited));
            if (errors.Count == 0 || errors.Any(e => e.RateLimited))
            {
                missing.Add(pending);
            }
            else
            {
                pending.Fail(new TrackerValidationException($"creating the issue of task {pending.Draft.TaskId}: GitHub refused it: {string.Join("; ", errors.Select(e => e.Message))}"));
            }
        }

        state.Remaining = missing;
        if (missing.Count == 0)
        {
            return BatchOutcome.Done;
        }

        if (limits.Count > 0)
        {
            // Refused for load: the governor waits as GitHub asks, then sends what is left.
            throw new ApiException(string.Join("; ", limits.Select(e => e.Message).Distinct()), (HttpStatusCode)429);
        }

        if (missing.Count == drafts.Length && IssueMutation.Errors(answer, null).Count > 0 && answer["data"] is null)
        {
            // The document itself was refused (an Enterprise server without createIssue, say): nothing ran.
            return BatchOutcome.RefusedGraphQL;
        }

        // An answer that names neither an issue nor an error for some of the batch is no answer for
        // them: they are looked up by marker before anything is sent again.
        throw new ApiException($"GitHub's answer named no issue for {missing.Count} of the batch", HttpStatusCode.BadGateway);
    }

    /// <summary>After an answer that may hide creates (a 502, a timeout): each missing issue looked up by its marker before anything is sent again.</summary>
    private async Task<BatchOutcome?> RecoverAsync(BatchState state, CancellationToken cancellationToken)
    {
        var recent = await api.ListIssuesAsync(GitHubIssues.LabelFilter(api.Options.Label), 100, 1, cancellationToken);
        var still = new List<PendingIssue>();
        foreach (var pending in state.Remaining)
        {
            if (recent.Where(i => GitHubIssues.Belongs(i, pending.Draft.RunId, pending.Draft.TaskId)).MinBy(i => i.Number) is { } found)
            {
                pending.Complete(GitHubIssues.ToTracker(found));
            }
            else
            {
                still.Add(pending);
            }
        }

        state.Remaining = still;
        return still.Count == 0 ? BatchOutcome.Done : null;
    }

    /// <summary>Answers that say GraphQL is not for this server or token; REST may still work (it did for the access check).</summary>
    private static bool RefusesGraphQL(ApiException error) =>
        !GitHubFailure.IsSecondaryLimit(error)
        && error is not RateLimitExceededException
        && error.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
            or HttpStatusCode.UnprocessableEntity or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented;

    /// <summary>The batch as it goes: what is still to be created.</summary>
    private sealed class BatchState(List<PendingIssue> batch)
    {
        public List<PendingIssue> Remaining { get; set; } = batch;

    }

    private sealed class BatchOutcome
    {
        public static readonly BatchOutcome Done = new(false);

        public static readonly BatchOutcome RefusedGraphQL = new(true);

        private BatchOutcome(bool refused) => Refused = refused;

        public bool Refused { get; }
    }
}
