using System.Buffers.Binary;
using System.Text.RegularExpressions;

using Fanout.Core;
using Fanout.Journal;
using Fanout.Reporting.Report;
using Fanout.TestSupport;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed partial class HtmlReportTests : IDisposable
{
    // Hosts Chromium itself calls (clock, component updates, sign-in) whatever page it shows; the page's own fetches are what is checked.
    private static readonly Regex BrowserOwnHost = BrowserHost();

    private readonly TempDirectory _temp = new("fanout-html");

    public void Dispose() => _temp.Dispose();

    [ChromiumFact]
    public async Task The_report_of_a_real_run_renders_in_chromium_with_a_bar_per_phase_and_makes_no_request()
    {
        using var real = await RealRun.CreateAsync(withFailure: true);
        var (file, html) = Write(real.Run);
        await using var chromium = new Chromium();

        var dom = await chromium.DumpDomAsync(file);
        var png = _temp.Combine("report.png");
        await chromium.ScreenshotAsync(file, png, 1366, 900);

        var spans = real.Run.Tasks.Sum(t => t.Phases.Count);
        spans.ShouldBeGreaterThanOrEqualTo(3 * 5);
        BarElement().Count(dom).ShouldBe(spans, "one bar per task and phase, as the browser built the page");
        dom.ShouldContain("class=\"setup\"");
        // The failed task may also be the one that set the setup time, which adds " critical".
        dom.ShouldMatch("class=\"task failed( critical)?\"");
        dom.ShouldContain("class=\"bar verify failed\"");
        foreach (var task in real.Run.Tasks)
        {
            dom.ShouldContain($"data-task=\"{task.Id}\"");
        }

        PngSize(png).ShouldBe((1366, 900));
        PageRequests(chromium).ShouldBeEmpty();
        html.ShouldNotContain("<script", Case.Insensitive);
        ExternalReference().Matches(html).Select(m => m.Value).ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task The_request_check_sees_what_a_page_fetches_and_a_blank_page_screenshots_small()
    {
        var control = _temp.Write("control.html", "<html><body><img src=\"http://example.test/x.png\"><p>control</p></body></html>");
        var blank = _temp.Write("blank.html", "<html><body></body></html>");
        var report = Write(Fifty()).File;
        await using var chromium = new Chromium();

        await chromium.DumpDomAsync(control);
        await chromium.ScreenshotAsync(blank, _temp.Combine("blank.png"), 1366, 900);
        await chromium.ScreenshotAsync(report, _temp.Combine("fifty.png"), 1366, 900);

        PageRequests(chromium).ShouldContain(r => r.Contains("example.test", StringComparison.Ordinal));
        new FileInfo(_temp.Combine("fifty.png")).Length.ShouldBeGreaterThan(5 * new FileInfo(_temp.Combine("blank.png")).Length, "the report draws something");
    }

    [Fact]
    public void Fifty_tasks_get_rows_tall_enough_to_read_in_a_scrolling_box_under_an_axis_that_stays_in_view()
    {
        var (_, html) = Write(Fifty());

        var layout = TimelineLayout.Compute(Fifty(), Fifty().EndedAt!.Value);
        layout.Rows.Count.ShouldBe(50);
        TimelineLayout.RowHeight.ShouldBeGreaterThanOrEqualTo(20);
        layout.Width.ShouldBeLessThanOrEqualTo(1300, "fits a 1366-pixel laptop screen");
        html.ShouldContain(".timeline { max-height: 72vh; overflow: auto;");
        html.ShouldContain("svg.axis { position: sticky; top: 0;");
        BarElement().Count(html).ShouldBe(50 * 4);
        html.ShouldContain("default-src 'none'");
    }

    private static IEnumerable<string> PageRequests(Chromium chromium) =>
        chromium.Requests.Where(r => !BrowserOwnHost.IsMatch(r));

    private (string File, string Html) Write(RunSnapshot run)
    {
        var now = run.EndedAt ?? DateTimeOffset.UtcNow;
        var html = HtmlReport.Render(RunReportBuilder.Build(run, now, DiskUsage.Measure), TimelineLayout.Compute(run, now));
        return (_temp.Write($"report-{run.Tasks.Count}.html", html), html);
    }

    private static RunSnapshot Fifty()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var tasks = Enumerable.Range(1, 50).Select(i =>
        {
            var ready = 2 + (i * 0.05);
            return new TaskSnapshot($"task-{i:00}-with-a-longer-name", $"Task {i}", i % 17 == 0 ? TaskState.Failed : TaskState.Succeeded)
            {
                Phases =
                [
                    new PhaseSpan(Phase.Issue, t0, t0.AddSeconds(1 + (i * 0.02)), PhaseOutcome.Succeeded, null),
                    new PhaseSpan(Phase.Workspace, t0, t0.AddSeconds(ready), PhaseOutcome.Succeeded, null),
                    new PhaseSpan(Phase.Agent, t0.AddSeconds(ready), t0.AddSeconds(ready + 30 + (i % 7)), PhaseOutcome.Succeeded, null),
                    new PhaseSpan(Phase.Verify, t0.AddSeconds(ready + 30 + (i % 7)), t0.AddSeconds(ready + 35 + (i % 7)), i % 17 == 0 ? PhaseOutcome.Failed : PhaseOutcome.Succeeded, null),
                ],
            };
        });
        return new RunSnapshot("fifty", new RunInfo("fifty", "fanout.yaml", "/repo", "main", "abc", "overlap", "local", 50), RunState.Failed, t0, t0.AddSeconds(50), 1) { Tasks = [.. tasks] };
    }

    private static (int Width, int Height) PngSize(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [GeneratedRegex("<rect class=\"bar ")]
    private static partial Regex BarElement();

    [GeneratedRegex(@"(src|href|xlink:href)\s*=\s*[""']?\s*(https?:|//)|url\(\s*[""']?\s*(https?:|//)|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"^(GET|POST|CONNECT) (https?://)?(clients\d*\.google\.com|update\.googleapis\.com|accounts\.google\.com|[a-z0-9-]+\.gvt1\.com)[:/ ]")]
    private static partial Regex BrowserHost();
}
