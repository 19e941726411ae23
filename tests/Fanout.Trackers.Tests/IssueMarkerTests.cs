using Shouldly;

using Xunit;

namespace Fanout.Trackers.Tests;

public sealed class IssueMarkerTests
{
    [Fact]
    public void The_marker_is_a_hidden_html_comment_naming_run_and_task()
    {
        IssueMarker.For("20250301-0900-ab12", "api-client").ShouldBe("<!-- fanout:run=20250301-0900-ab12 task=api-client -->");
    }

    [Fact]
    public void A_marked_body_gives_back_its_run_and_task()
    {
        var body = IssueMarker.AppendTo("Write the client.\n", "r1", "api-client");

        body.ShouldBe("Write the client.\n\n<!-- fanout:run=r1 task=api-client -->");
        IssueMarker.TryParse(body, out var runId, out var taskId).ShouldBeTrue();
        runId.ShouldBe("r1");
        taskId.ShouldBe("api-client");
    }

    [Fact]
    public void Marking_twice_adds_one_marker()
    {
        var once = IssueMarker.AppendTo("Body", "r1", "a");

        IssueMarker.AppendTo(once, "r1", "a").ShouldBe(once);
        IssueMarker.AppendTo(string.Empty, "r1", "a").ShouldBe(IssueMarker.For("r1", "a"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Just a body")]
    [InlineData("<!-- fanout:run=r1 -->")]
    public void A_body_without_a_marker_gives_nothing(string? body)
    {
        IssueMarker.TryParse(body, out var runId, out var taskId).ShouldBeFalse();
        runId.ShouldBeNull();
        taskId.ShouldBeNull();
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a-->b")]
    [InlineData("")]
    public void An_id_that_could_not_be_parsed_back_is_refused(string id)
    {
        Should.Throw<ArgumentException>(() => IssueMarker.For("r1", id));
    }

    [Fact]
    public void Ids_with_double_dashes_round_trip()
    {
        IssueMarker.TryParse(IssueMarker.AppendTo("body", "r1", "fix--parser"), out var runId, out var taskId).ShouldBeTrue();
        taskId.ShouldBe("fix--parser");
        runId.ShouldBe("r1");
    }

    [Fact]
    public void Strip_leaves_the_body_a_person_reads()
    {
        IssueMarker.Strip(IssueMarker.AppendTo("Write the client.", "r1", "api")).ShouldBe("Write the client.");
    }
}
