using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Plans.Tests;

/// <summary>One rule for every number and duration, flags and plan keys alike: the name, what it got, the range.</summary>
public sealed class InputNumbersTests : IDisposable
{
    private readonly TempDirectory _folder = new("fanout-plans");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("1", 1L)]
    [InlineData(" 1000 ", 1000L)]
    public void A_whole_number_in_range_is_taken(string text, long expected)
    {
        new WholeNumberRule("--max-parallel", 1, 1000).Check(text, out var value).ShouldBeNull();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-3")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    [InlineData("0x10")]
    public void Anything_else_is_one_line_naming_the_option_what_it_got_and_the_range(string text)
    {
        new WholeNumberRule("--max-parallel", 1, 1000).Check(text, out _).ShouldBe($"--max-parallel must be a whole number from 1 to 1000, not '{text}'");
    }

    [Fact]
    public void A_long_or_unprintable_value_is_shown_shortened()
    {
        var problem = new WholeNumberRule("N", 0, 9).Check(new string('7', 500) + "\n", out _)!;

        problem.Length.ShouldBeLessThan(100);
        problem.ShouldEndWith("7777...'");
        InputText.Shown("a\u0000b\nc\u202Ed").ShouldBe("a?b?c?d");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("25h")]
    [InlineData("-1s")]
    [InlineData("1.5m")]
    public void A_duration_out_of_range_or_unreadable_is_one_line_with_the_range(string text)
    {
        new DurationRule("timeout of task 'a'", TimeSpan.FromSeconds(1), TimeSpan.FromHours(24)).Check(text, out _)
            .ShouldBe($"timeout of task 'a' must be a duration from 1s to 24h (such as 90, 30s, 10m, 1h30m or 500ms), not '{text}'");
    }

    [Theory]
    [InlineData("ports: {blockSize: 1001}", 1, 20, "ports.blockSize must be a whole number from 1 to 1000, not '1001'")]
    [InlineData("maxParallel: 5000", 1, 14, "maxParallel must be a whole number from 1 to 1000, not '5000'")]
    [InlineData("github: {repo: a/b, perHour: 1e9}", 1, 30, "github.perHour must be a whole number from 1 to 100000000, not '1e9'")]
    [InlineData("github: {repo: a/b, minInterval: 1h}", 1, 34, "github.minInterval must be a duration from 0s to 10m (such as 90, 30s, 10m, 1h30m or 500ms), not '1h'")]
    public void A_plan_key_out_of_range_is_refused_at_its_value(string line, int row, int column, string message)
    {
        _folder.LoadErrors(line + "\ntasks:\n  - id: a\n    prompt: x\n").ShouldBeSingle(row, column, message);
    }

    [Fact]
    public void A_task_timeout_beyond_a_day_is_refused()
    {
        _folder.LoadErrors("tasks:\n  - id: a\n    prompt: x\n    timeout: 48h\n")
            .ShouldBeSingle(4, 14, "timeout of task 'a' must be a duration from 1s to 24h (such as 90, 30s, 10m, 1h30m or 500ms), not '48h'");
    }

    [Fact]
    public void Pass_env_names_the_variables_an_agent_gets_on_purpose()
    {
        var plan = _folder.LoadPlan("""
            agent: edit
            agents:
              edit: {command: [sh, -c, 'true'], passEnv: [OPENAI_API_KEY, GH_ENTERPRISE_TOKEN, OPENAI_API_KEY]}
            tasks:
              - id: a
                prompt: x
            """);

        plan.SettingsOf(plan.Tasks[0]).PassEnvironment.ShouldBe(["OPENAI_API_KEY", "GH_ENTERPRISE_TOKEN"]);
    }

    [Fact]
    public void Pass_env_refuses_what_is_not_a_variable_name()
    {
        _folder.LoadErrors("""
            agents:
              claude: {passEnv: ['$(curl evil)']}
            tasks:
              - id: a
                prompt: x
            """).ShouldBeSingle(2, 22, "'$(curl evil)' in 'passEnv' of agent 'claude' is not a variable name; use letters, digits and '_', such as OPENAI_API_KEY");
    }
}
