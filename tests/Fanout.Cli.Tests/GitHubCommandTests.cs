using Fanout.Simulation.GitHub;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>The CLI with <c>--tracker github</c>, against a local fake GitHub; tokens reach it only through its environment.</summary>
public sealed class GitHubCommandTests
{
    [Fact]
    public async Task Run_with_tracker_github_and_no_token_exits_2_saying_where_tokens_come_from_and_creates_nothing()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2));
        await repository.GitAsync("remote", "add", "origin", "git@github.com:acme/widgets.git");

        var run = await FanoutCli.RunAsync(repository.Path, NoToken(), "run", "fanout.yaml", "--tracker", "github");

        run.ExitCode.ShouldBe(2, run.StandardError);
        run.StandardError.ShouldContain("needs a token for github.com: set GITHUB_TOKEN or GH_TOKEN");
        Directory.Exists(Path.Combine(repository.Path, ".git", "fanout")).ShouldBeFalse();
        (await repository.BranchesAsync()).ShouldBe(["main"]);
    }

    [Fact]
    public async Task Pull_requests_need_the_github_tracker()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(1));

        var run = await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml", "--pr");

        run.ExitCode.ShouldBe(2);
        run.StandardError.ShouldContain("--pr opens pull requests on GitHub");
    }

    [Fact]
    public async Task Issues_list_and_show_read_a_runs_issues_from_github()
    {
        await using var server = SimulatedGitHubServer.Start();
        server.Seed("Add the client", "Write it.\n\n<!-- fanout:run=abc234 task=api -->", "fanout");
        server.Seed("Unrelated", "no marker", "bug");
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", $"tracker: github\ngithub: {{repo: {server.Repository}, baseUrl: '{server.BaseAddress}'}}\nagent: claude\ntasks:\n  - id: api\n    prompt: Write it.\n");
        var token = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = server.Options.Token, ["GH_TOKEN"] = null };

        var list = await FanoutCli.RunAsync(repository.Path, token, "issues", "list", "--run", "abc234");
        var show = await FanoutCli.RunAsync(repository.Path, token, "issues", "show", "1");

        list.ExitCode.ShouldBe(0, list.StandardError);
        list.StandardOutput.ShouldContain("#1");
        list.StandardOutput.ShouldContain("abc234");
        list.StandardOutput.ShouldNotContain("Unrelated");
        show.ExitCode.ShouldBe(0, show.StandardError);
        show.StandardOutput.ShouldContain("Add the client");
        show.StandardOutput.ShouldContain($"https://github.example/{server.Repository}/issues/1");
        show.StandardOutput.ShouldNotContain("fanout:run=");
        (list.StandardOutput + list.StandardError + show.StandardOutput + show.StandardError).ShouldNotContain(server.Options.Token);
    }

    private static Dictionary<string, string?> NoToken() => new() { ["GITHUB_TOKEN"] = null, ["GH_TOKEN"] = null, ["GH_CONFIG_DIR"] = Path.Combine(Path.GetTempPath(), "fanout-no-gh-config") };
}
