using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class GitHubSettingsTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_the_repository_api_root_and_pacing()
    {
        var plan = _folder.LoadPlan("""
            tracker: github
            github:
              repo: acme/widgets
              baseUrl: https://ghe.example.com/api/v3
              minInterval: 500ms
              perMinute: 40
              perHour: 300
            tasks:
              - id: a
                prompt: Do a.
            """);

        plan.Tracker.ShouldBe("github");
        var github = plan.GitHub.ShouldNotBeNull();
        github.Repository.ShouldBe("acme/widgets");
        github.BaseUrl.ShouldBe(new Uri("https://ghe.example.com/api/v3/"));
        github.MinInterval.ShouldBe(TimeSpan.FromMilliseconds(500));
        (github.PerMinute, github.PerHour).ShouldBe((40, 300));
    }

    [Fact]
    public void A_plan_without_the_section_leaves_everything_to_the_remote_and_the_defaults() =>
        _folder.LoadPlan("""
            tracker: github
            tasks:
              - id: a
                prompt: Do a.
            """).GitHub.ShouldBeNull();

    [Theory]
    [InlineData("repo: widgets", 3, 9, "github.repo 'widgets' is not owner/name (for example acme/widgets)")]
    [InlineData("baseUrl: ghe.example.com", 3, 12, "github.baseUrl 'ghe.example.com' is not an http(s) URL; GitHub Enterprise's is https://HOST/api/v3/")]
    [InlineData("minInterval: soon", 3, 16, "github.minInterval must be a duration from 0s to 10m (such as 90, 30s, 10m, 1h30m or 500ms), not 'soon'")]
    [InlineData("perMinute: 0", 3, 14, "github.perMinute must be a whole number from 1 to 1000000, not '0'")]
    [InlineData("token: ghp_x", 3, 3, "unknown key 'token' in 'github'; known keys: repo, baseUrl, minInterval, perMinute, perHour")]
    public void A_wrong_value_is_reported_where_it_is(string line, int row, int column, string message) =>
        _folder.LoadErrors($"""
            tracker: github
            github:
              {line}
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldBeSingle(row, column, message);
}
