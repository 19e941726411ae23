using System.Text.Json;

using Shouldly;

using Xunit;

namespace Fanout.Planning.Tests;

public sealed class PlannerOutputTests
{
    private readonly List<string> _tasks = [];
    private readonly List<IReadOnlyList<PlannedTask>> _answers = [];
    private readonly List<string> _problems = [];
    private readonly PlannerOutput _output = new();

    public PlannerOutputTests()
    {
        _output.TaskEmitted += task => _tasks.Add(task.Id);
        _output.Answered += _answers.Add;
        _output.Problem += _problems.Add;
    }

    [Fact]
    public void A_task_of_the_structured_output_is_read_the_moment_its_object_closes_while_the_rest_still_streams()
    {
        _output.Read(Event(new { type = "content_block_start", index = 1, content_block = new { type = "tool_use", id = "t", name = "StructuredOutput", input = new { } } }));
        _output.Read(Delta(1, """{"tasks":[{"id":"api","title":"API","prompt":"Write {the} \"client\"","dependsOn":[]}"""));

        _tasks.ShouldBe(["api"]);

        _output.Read(Delta(1, """,{"id":"ui","title":"UI","pro"""));
        _tasks.ShouldBe(["api"]);
        _output.Read(Delta(1, """mpt":"Form","dependsOn":["api"]}]}"""));
        _tasks.ShouldBe(["api", "ui"]);
        _answers.ShouldBeEmpty("a streamed tool input is not the answer; the tool call and the result line are");
    }

    [Fact]
    public void The_whole_answer_comes_from_the_tool_call_and_from_the_result_line()
    {
        var answer = new { tasks = new object[] { new { id = "a", title = "A", prompt = "Do a" }, new { id = "b", title = "B", prompt = "Do b", dependsOn = new[] { "a" } } } };
        _output.Read(JsonSerializer.Serialize(new { type = "assistant", message = new { content = new object[] { new { type = "tool_use", name = "StructuredOutput", input = answer } } } }));
        _output.Read(JsonSerializer.Serialize(new { type = "result", subtype = "success", is_error = false, structured_output = answer }));

        _answers.Count.ShouldBe(2);
        _answers[1].Select(t => t.Id).ShouldBe(["a", "b"]);
        _answers[1][1].DependsOn.ShouldBe(["a"]);
        _output.Error.ShouldBeNull();
    }

    [Fact]
    public void A_command_planner_may_print_one_task_per_line_or_the_whole_answer()
    {
        _output.Read("""{"id":"one","title":"One","prompt":"Do one"}""");
        _output.Read("planning the rest ...");
        _output.Read("""{"tasks":[{"id":"two","title":"Two","prompt":"Do two"},{"id":"three","title":"Three","prompt":"Do three"}]}""");

        _tasks.ShouldBe(["one", "two", "three"]);
        _answers.Single().Select(t => t.Id).ShouldBe(["two", "three"]);
    }

    [Fact]
    public void A_task_without_an_id_is_a_problem_not_a_task()
    {
        _output.Read("""{"tasks":[{"title":"No id","prompt":"x"}]}""");

        _tasks.ShouldBeEmpty();
        _problems.ShouldContain(p => p.Contains("no 'id'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_planner_says_why()
    {
        _output.Read(JsonSerializer.Serialize(new { type = "result", subtype = "success", is_error = true, result = "API Error: 500" }));

        _output.Error.ShouldBe("API Error: 500");
    }

    private static string Event(object streamed) => JsonSerializer.Serialize(new { type = "stream_event", @event = streamed });

    private static string Delta(int index, string json) => Event(new { type = "content_block_delta", index, delta = new { type = "input_json_delta", partial_json = json } });
}
