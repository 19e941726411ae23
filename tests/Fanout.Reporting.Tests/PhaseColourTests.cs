using Fanout.Journal;
using Fanout.Reporting.Report;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

public sealed class PhaseColourTests
{
    [Fact]
    public void Every_phase_has_its_own_colour_in_the_report()
    {
        foreach (var phase in Enum.GetValues<Phase>())
        {
            HtmlReport.Colours.ShouldContainKey(phase);
        }

        HtmlReport.Colours.Values.Distinct().Count().ShouldBe(HtmlReport.Colours.Count);
    }
}
