using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2h5m7s", 7507)]
    [InlineData(" 45s ", 45)]
    [InlineData("0", 0)]
    public void Parses_seconds_and_unit_durations(string text, int seconds)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("3000ms", 3)]
    [InlineData("1.5s", 1.5)]
    [InlineData("0.25", 0.25)]
    public void Parses_short_durations_in_milliseconds_or_fractions_of_a_second(string text, double seconds)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("m")]
    [InlineData("10x")]
    [InlineData("-5")]
    [InlineData("1.5h")]
    [InlineData("10 m")]
    [InlineData("30m1h")]
    [InlineData("5m5m")]
    [InlineData("1d")]
    [InlineData("10M")]
    [InlineData("1h30")]
    [InlineData("99999999999")]
    [InlineData("999999h")]
    [InlineData("1.5ms")]
    [InlineData("ms")]
    [InlineData("1.2.3s")]
    [InlineData("-1.5")]
    public void Rejects_anything_else(string text)
    {
        Durations.TryParse(text, out _).ShouldBeFalse();
    }
}
