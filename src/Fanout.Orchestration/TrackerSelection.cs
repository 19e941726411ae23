using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.Trackers.GitHub;
using Fanout.Workspaces;

namespace Fanout.Orchestration;

/// <summary>
/// Picks the tracker from the flag or the plan and, for GitHub, the repository (plan, else the
/// origin remote), the API root and the token (GITHUB_TOKEN, GH_TOKEN, then <c>gh auth token</c>).
/// Sends nothing to GitHub; <see cref="TrackerFactory"/> checks access when the run opens it.
/// </summary>
public static class TrackerSelection
{
    public static async Task<TrackerChoice> ResolveAsync(Plan plan, string? requested, IGit git, IProcessRunner runner, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(environment);
        var kind = requested ?? plan.Tracker;
        if (kind == TrackerChoice.LocalKind)
        {
            return TrackerChoice.Local;
        }

        if (kind != TrackerChoice.GitHubKind)
        {
            throw new UserInputException($"unknown tracker '{kind}'; use local or github");
        }

        var settings = plan.GitHub ?? new GitHubSettings();
        var (repository, host, apiBase) = await RepositoryAsync(plan, settings, git, cancellationToken);
        var token = await TokenAsync(host, runner, environment, cancellationToken)
            ?? throw new UserInputException($"tracker github needs a token for {host}: set GITHUB_TOKEN or GH_TOKEN, or log in with 'gh auth login'");
        var pacing = GitHubPacing.Default with
        {
            MinInterval = settings.MinInterval ?? GitHubPacing.Default.MinInterval,
            PerMinute = settings.PerMinute ?? GitHubPacing.Default.PerMinute,
            PerHour = settings.PerHour ?? GitHubPacing.Default.PerHour,
        };
        return new TrackerChoice(TrackerChoice.GitHubKind)
        {
            GitHub = new GitHubTrackerOptions(repository, settings.BaseUrl ?? apiBase, token) { Pacing = pacing },
        };
    }

    private static async Task<(GitHubRepository Repository, string Host, Uri ApiBase)> RepositoryAsync(Plan plan, GitHubSettings settings, IGit git, CancellationToken cancellationToken)
    {
        var host = settings.BaseUrl is { } baseUrl ? HostOf(baseUrl) : GitHubRemote.PublicHost;
        if (settings.Repository is { } named && GitHubRepository.TryParse(named, out var repository))
        {
            return (repository, host, settings.BaseUrl ?? GitHubTrackerOptions.PublicApi);
        }

        var url = await git.RemoteUrlAsync("origin", cancellationToken);
        if (GitHubRemote.TryParse(url, out var remote))
        {
            return (remote.Repository, remote.Host, remote.ApiBase);
        }

        throw new UserInputException(url is null
            ? $"{plan.SourceFile}: tracker github needs a repository: add 'github: {{repo: owner/name}}' to the plan, or an origin remote on GitHub"
            : $"{plan.SourceFile}: the origin remote '{url}' is not a GitHub repository URL; add 'github: {{repo: owner/name}}' to the plan");
    }

    private static async Task<GitHubToken?> TokenAsync(string host, IProcessRunner runner, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "GITHUB_TOKEN", "GH_TOKEN" })
        {
            if (environment(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value))
            {
                return new GitHubToken(value, name);
            }
        }

        // gh prints the token of its logged-in account; absent gh (exit 127) or no login just means no token.
        var result = await runner.RunAsync(new ProcessSpec("gh", ["auth", "token", "--hostname", host]) { Timeout = TimeSpan.FromSeconds(20) }, cancellationToken);
        return result.Succeeded && result.StandardOutput.Trim() is { Length: > 0 } token ? new GitHubToken(token, "gh auth token") : null;
    }

    private static string HostOf(Uri baseUrl) =>
        baseUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? GitHubRemote.PublicHost : baseUrl.Host;
}
