using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

public sealed class PortsPlanTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_the_port_block_size()
    {
        var plan = _folder.LoadPlan("""
            ports: {blockSize: 25}
            tasks:
              - id: a
                prompt: Do a.
            """);

        plan.PortBlockSize.ShouldBe(25);
    }

    [Fact]
    public void Leaves_the_block_size_unset_without_ports()
    {
        var plan = _folder.LoadPlan("""
            tasks:
              - id: a
                prompt: Do a.
            """);

        plan.PortBlockSize.ShouldBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    [InlineData("1001")]
    public void Refuses_a_block_size_that_is_not_a_small_positive_number_at_its_position(string value)
    {
        var error = _folder.LoadErrors($"""
            ports:
              blockSize: {value}
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldHaveSingleItem();

        (error.Position!.Line, error.Position!.Column).ShouldBe((2, 14));
        error.Message.ShouldBe($"ports.blockSize must be a whole number from 1 to 1000, not '{value}'");
    }

    [Fact]
    public void Refuses_ports_that_is_not_a_mapping_and_unknown_keys_inside_it()
    {
        _folder.LoadErrors("""
            ports: 10
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldHaveSingleItem().Message.ShouldStartWith("'ports' must be a mapping like 'ports: {blockSize: 10}'");

        var unknown = _folder.LoadErrors("""
            ports: {blocksize: 10}
            tasks:
              - id: a
                prompt: Do a.
            """).ShouldHaveSingleItem();
        unknown.Message.ShouldStartWith("unknown key 'blocksize' in 'ports'");
        (unknown.Position!.Line, unknown.Position!.Column).ShouldBe((1, 9));
    }
}
