using System.Text.Json;

using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Cli.Tests;

public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_prints_the_metrics_writes_the_html_page_and_never_overwrites_a_file_it_did_not_write()
    {
        using var repository = await GitRepository.CreateAsync();
        repository.Write("fanout.yaml", PlanText.Plan(2));
        (await FanoutCli.RunAsync(repository.Path, "run", "fanout.yaml")).ExitCode.ShouldBe(0);
        var page = Path.Combine(repository.Parent, "report.html");

        var text = await FanoutCli.RunAsync(repository.Path, "report", "--html", page);
        var again = await FanoutCli.RunAsync(repository.Path, "report", "--html", page);
        var json = await FanoutCli.RunAsync(repository.Path, "report", "--json");
        var notes = Path.Combine(repository.Parent, "notes.html");
        await File.WriteAllTextAsync(notes, "<p>my notes</p>");
        var refused = await FanoutCli.RunAsync(repository.Path, "report", "--html", notes);
        var missing = await FanoutCli.RunAsync(repository.Path, "report", "--html", Path.Combine(repository.Parent, "nowhere", "r.html"));

        text.ExitCode.ShouldBe(0, text.StandardError);
        text.StandardOutput.ShouldContain("parallel efficiency");
        text.StandardOutput.ShouldContain("rate limit remaining    n/a");
        text.StandardOutput.ShouldMatch(@"agent\s+2\s+");
        (await File.ReadAllTextAsync(page)).ShouldContain("<svg class=\"rows\"");
        again.ExitCode.ShouldBe(0, "a page fanout wrote may be replaced");
        using var report = JsonDocument.Parse(json.StandardOutput);
        foreach (var field in new[] { "setupSeconds", "wallSeconds", "parallelEfficiency", "errorRate", "trackerRequests" })
        {
            report.RootElement.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Number, field);
        }

        report.RootElement.GetProperty("rateLimitRemaining").ValueKind.ShouldBe(JsonValueKind.Null);
        report.RootElement.GetProperty("diskBytes").GetInt64().ShouldBeGreaterThan(0);
        report.RootElement.GetProperty("worktrees").GetArrayLength().ShouldBe(2);
        report.RootElement.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()).ShouldContain("agent");
        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("is not a Fanout report");
        (await File.ReadAllTextAsync(notes)).ShouldBe("<p>my notes</p>");
        missing.ExitCode.ShouldBe(2);
        missing.StandardError.ShouldContain("does not exist");
    }
}
