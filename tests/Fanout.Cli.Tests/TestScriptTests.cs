using Fanout.Processes;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

/// <summary>./test.sh's summary: each skipped test with the reason it gives (which says what would make it run), then the totals.</summary>
public sealed class TestScriptTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="Fanout.A.Passes" outcome="Passed" />
            <UnitTestResult testName="Fanout.A.Needs_claude" outcome="NotExecuted">
              <Output><ErrorInfo><Message>Claude Code CLI not installed: run .ci/run
                (it installs @anthropic-ai/claude-code into artifacts/node)</Message></ErrorInfo></Output>
            </UnitTestResult>
          </Results>
          <ResultSummary outcome="Completed"><Counters total="2" executed="1" passed="1" failed="0" /></ResultSummary>
        </TestRun>
        """;

    [Fact]
    public async Task The_summary_prints_each_skipped_tests_reason_before_the_totals()
    {
        using var results = new TempDirectory("trx");
        results.Write("Fanout.A.Tests.trx", Trx);

        var summary = await ProcessRunner.Instance.RunAsync(new ProcessSpec("python3", [Script(), results.Path]), CancellationToken.None);

        summary.ExitCode.ShouldBe(0, summary.StandardError);
        summary.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "skipped Fanout.A.Needs_claude: Claude Code CLI not installed: run .ci/run (it installs @anthropic-ai/claude-code into artifacts/node)",
            "1 passed, 0 failed, 1 skipped",
        ]);
    }

    [Fact]
    public void Test_sh_uses_the_summary()
    {
        File.ReadAllText(Path.Combine(Root(), "test.sh")).ShouldContain(".ci/test-summary.py");
    }

    private static string Script() => Path.Combine(Root(), ".ci", "test-summary.py");

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fanout.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("No Fanout.slnx above the test assembly.");
    }
}
