using Fanout.Core;
using Fanout.Plans;
using Fanout.Processes;
using Fanout.TestSupport;
using Fanout.Workspaces;

using Shouldly;

using Xunit;

namespace Fanout.Orchestration.Tests;

public sealed class TrackerSelectionTests
{
    private static readonly Plan GitHubPlan = new("p", "fanout.yaml", PlanFormat.Fanout, []) { Tracker = "github" };

    [Theory]
    [InlineData("git@github.com:acme/widgets.git", "https://api.github.com/")]
    [InlineData("https://github.com/acme/widgets", "https://api.github.com/")]
    [InlineData("ssh://git@ghe.example.com/acme/widgets.git", "https://ghe.example.com/api/v3/")]
    public async Task The_repository_and_api_root_come_from_the_origin_remote_and_the_token_from_the_environment(string origin, string api)
    {
        using var repository = await GitRepository.CreateAsync();
        await repository.GitAsync("remote", "add", "origin", origin);

        var choice = await ResolveAsync(repository, GitHubPlan, name => name == "GH_TOKEN" ? "ghp_fromGhToken" : null);

        var github = choice.GitHub.ShouldNotBeNull();
        (github.Repository.Owner, github.Repository.Name).ShouldBe(("acme", "widgets"));
        github.ApiBase.ShouldBe(new Uri(api));
        github.Token.Source.ShouldBe("GH_TOKEN");
        choice.Describe().ShouldNotContain("ghp_fromGhToken");
    }

    [Fact]
    public async Task The_plans_repository_wins_over_the_remote_and_github_token_over_gh_token()
    {
        using var repository = await GitRepository.CreateAsync();
        await repository.GitAsync("remote", "add", "origin", "git@github.com:acme/widgets.git");
        var plan = GitHubPlan with { GitHub = new GitHubSettings { Repository = "team/tool", MinInterval = TimeSpan.FromSeconds(2) } };

        var choice = await ResolveAsync(repository, plan, name => name == "GITHUB_TOKEN" ? "a" : "b");

        choice.GitHub!.Repository.ToString().ShouldBe("team/tool");
        choice.GitHub.Token.Source.ShouldBe("GITHUB_TOKEN");
        choice.GitHub.Pacing.MinInterval.ShouldBe(TimeSpan.FromSeconds(2));
        choice.GitHub.Pacing.PerMinute.ShouldBe(80);
    }

    [Fact]
    public async Task Without_any_token_the_run_is_refused_saying_where_tokens_come_from()
    {
        using var repository = await GitRepository.CreateAsync();
        await repository.GitAsync("remote", "add", "origin", "git@github.com:acme/widgets.git");

        var error = await Should.ThrowAsync<UserInputException>(() => ResolveAsync(repository, GitHubPlan, _ => null, new NoGh()));

        error.Message.ShouldBe("tracker github needs a token for github.com: set GITHUB_TOKEN or GH_TOKEN, or log in with 'gh auth login'");
    }

    [Fact]
    public async Task Without_a_repository_in_the_plan_or_an_origin_the_run_is_refused_saying_how_to_name_one()
    {
        using var repository = await GitRepository.CreateAsync();

        var error = await Should.ThrowAsync<UserInputException>(() => ResolveAsync(repository, GitHubPlan, _ => "t"));

        error.Message.ShouldContain("add 'github: {repo: owner/name}' to the plan, or an origin remote on GitHub");
    }

    [Fact]
    public async Task The_local_tracker_needs_nothing()
    {
        using var repository = await GitRepository.CreateAsync();

        (await ResolveAsync(repository, GitHubPlan with { Tracker = "local" }, _ => null)).ShouldBe(TrackerChoice.Local);
    }

    private static async Task<TrackerChoice> ResolveAsync(GitRepository repository, Plan plan, Func<string, string?> environment, IProcessRunner? runner = null)
    {
        return await TrackerSelection.ResolveAsync(plan, null, new Git(repository.Path, ProcessRunner.Instance), runner ?? ProcessRunner.Instance, environment, CancellationToken.None);
    }

    /// <summary>A machine without the gh CLI, whatever this one has: gh answers as a missing program would.</summary>
    private sealed class NoGh : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken) =>
            spec.FileName == "gh"
                ? Task.FromResult(new ProcessResult(spec, 127, string.Empty, "gh: not found", TimeSpan.Zero, false))
                : ProcessRunner.Instance.RunAsync(spec, cancellationToken);
    }
}
