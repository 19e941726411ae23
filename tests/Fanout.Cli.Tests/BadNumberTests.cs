using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>Every flag or argument that takes a number or a duration: a bad value is one line naming it, what it got and the range, and exit 2.</summary>
public sealed class BadNumberTests
{
    [Theory]
    [InlineData("run x.yaml --max-parallel abc", "--max-parallel must be a whole number from 1 to 1000, not 'abc'")]
    [InlineData("run x.yaml --max-parallel 1.5", "--max-parallel must be a whole number from 1 to 1000, not '1.5'")]
    [InlineData("run x.yaml --max-parallel 99999999999", "--max-parallel must be a whole number from 1 to 1000, not '99999999999'")]
    [InlineData("run x.yaml --max-parallel 0", "--max-parallel must be a whole number from 1 to 1000, not '0'")]
    [InlineData("run x.yaml --tracker-latency 1y", "--tracker-latency must be a duration from 0s to 5m")]
    [InlineData("run x.yaml --tracker-latency 1h", "--tracker-latency must be a duration from 0s to 5m")]
    [InlineData("pool warm abc", "N must be a whole number from 0 to 200, not 'abc'")]
    [InlineData("pool warm 201", "N must be a whole number from 0 to 200, not '201'")]
    [InlineData("pool warm 5 --max-disk abc", "--max-disk must be a whole number from 1 to 10485760, not 'abc'")]
    [InlineData("pool warm 5 --max-disk 0", "--max-disk must be a whole number from 1 to 10485760, not '0'")]
    [InlineData("pool warm 5 --max-disk 99999999999999999999", "--max-disk must be a whole number from 1 to 10485760, not '99999999999999999999'")]
    [InlineData("issues show abc", "N must be a whole number from 1 to 2147483647, not 'abc'")]
    [InlineData("issues show 0", "N must be a whole number from 1 to 2147483647, not '0'")]
    public async Task A_bad_number_is_one_line_naming_the_option_what_it_got_and_the_range(string arguments, string message)
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, arguments.Split(' '));

        result.ExitCode.ShouldBe(2);
        var line = result.StandardError.TrimEnd().Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("fanout: " + message);
        line.ShouldNotContain("Exception");
    }

    [Theory]
    [InlineData("run x.yaml --strategy fastest", "'fastest'")]
    [InlineData("run x.yaml --tracker jira", "'jira'")]
    public async Task A_value_outside_a_commands_choices_is_one_line_listing_them(string arguments, string got)
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, arguments.Split(' '));

        result.ExitCode.ShouldBe(2);
        var line = result.StandardError.TrimEnd().Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("fanout: ");
        line.ShouldContain(got);
        line.ShouldNotContain("\t");
    }

    [Fact]
    public async Task A_huge_value_is_not_echoed_back_whole()
    {
        using var folder = new TempDirectory();

        var result = await FanoutCli.RunAsync(folder.Path, "run", "x.yaml", "--max-parallel", new string('9', 5000));

        result.ExitCode.ShouldBe(2);
        result.StandardError.Length.ShouldBeLessThan(300);
        result.StandardError.ShouldContain("--max-parallel must be a whole number from 1 to 1000, not '9999");
    }
}
