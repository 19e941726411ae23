using Fanout.Cli.Commands;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("3s", 3000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("3", 3000)]
    [InlineData("0.25", 250)]
    [InlineData("0", 0)]
    [InlineData(" 40ms ", 40)]
    public void Reads_milliseconds_seconds_minutes_and_plain_seconds(string text, double milliseconds)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue(text);
        value.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-3s")]
    [InlineData("1,5s")]
    [InlineData("3 s")]
    [InlineData("1e3ms")]
    [InlineData("3h")]
    [InlineData("99999999999999999999m")]
    public void Refuses_anything_else(string text)
    {
        Durations.TryParse(text, out _).ShouldBeFalse(text);
    }
}
