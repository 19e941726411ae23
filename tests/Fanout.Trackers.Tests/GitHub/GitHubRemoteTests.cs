using Fanout.Trackers.GitHub;

using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests.GitHub;

public sealed class GitHubRemoteTests
{
    [Theory]
    [InlineData("https://github.com/acme/widgets.git", "github.com", "acme", "widgets")]
    [InlineData("https://github.com/acme/widgets", "github.com", "acme", "widgets")]
    [InlineData("https://user:secret@github.com/acme/widgets.git", "github.com", "acme", "widgets")]
    [InlineData("git@github.com:acme/widgets.git", "github.com", "acme", "widgets")]
    [InlineData("git@github.com:acme/widgets", "github.com", "acme", "widgets")]
    [InlineData("ssh://git@github.com/acme/widgets.git", "github.com", "acme", "widgets")]
    [InlineData("ssh://git@ghe.example.com:2222/team/my.tool.git", "ghe.example.com", "team", "my.tool")]
    [InlineData("https://GHE.example.com/team/tool/", "ghe.example.com", "team", "tool")]
    public void Parses_https_ssh_and_scp_like_remotes(string url, string host, string owner, string name)
    {
        GitHubRemote.TryParse(url, out var remote).ShouldBeTrue();

        remote.ShouldBe(new GitHubRemote(host, new GitHubRepository(owner, name)));
    }

    [Theory]
    [InlineData("/srv/git/widgets.git")]
    [InlineData("../widgets")]
    [InlineData("https://github.com/acme")]
    [InlineData("file:///srv/git/acme/widgets.git")]
    [InlineData("")]
    public void Refuses_what_is_not_a_hosted_repository(string url) =>
        GitHubRemote.TryParse(url, out _).ShouldBeFalse();

    [Fact]
    public void The_api_root_is_api_github_com_for_github_and_api_v3_for_enterprise()
    {
        new GitHubRemote("github.com", new GitHubRepository("a", "b")).ApiBase.ShouldBe(new Uri("https://api.github.com/"));
        new GitHubRemote("ghe.example.com", new GitHubRepository("a", "b")).ApiBase.ShouldBe(new Uri("https://ghe.example.com/api/v3/"));
    }

    [Fact]
    public void A_token_never_prints_itself()
    {
        var token = new GitHubToken("ghp_supersecret", "GITHUB_TOKEN");

        token.ToString().ShouldBe("token from GITHUB_TOKEN");
        $"{new GitHubTrackerOptions(new GitHubRepository("a", "b"), GitHubTrackerOptions.PublicApi, token)}".ShouldNotContain("supersecret");
    }
}
