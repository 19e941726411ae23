using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Shouldly;

using Xunit;

namespace Fanout.Journal.Tests;

/// <summary>docs/events.md is the published contract of <c>--json</c>; these keep it and the code in step.</summary>
public sealed partial class EventSchemaTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 15, 250, TimeSpan.Zero);

    [Fact]
    public void The_tests_cover_every_event_kind()
    {
        RunEventJsonTests.EveryKind.Select(row => (string)row[1]).ShouldBe(RunEventSchema.Kinds, ignoreOrder: true);
    }

    [Fact]
    public void The_document_lists_every_kind_with_exactly_its_fields_types_and_optionality()
    {
        var documented = DocumentedKinds();

        documented.Keys.ShouldBe(["common", .. RunEventSchema.Kinds], ignoreOrder: true);
        Describe(documented["common"]).ShouldBe(Describe(RunEventSchema.Common), "common fields");
        foreach (var kind in RunEventSchema.Kinds)
        {
            Describe(documented[kind]).ShouldBe(Describe(RunEventSchema.Fields(kind)), $"### `{kind}` in docs/events.md");
        }
    }

    [Fact]
    public void The_document_names_the_current_schema_version()
    {
        File.ReadAllText(DocFile()).ShouldContain($"`\"schema\": \"{RunEventSchema.Id}\"`");
    }

    [Theory]
    [MemberData(nameof(RunEventJsonTests.EveryKind), MemberType = typeof(RunEventJsonTests))]
    public void Every_line_carries_the_schema_first_and_only_documented_fields(RunEvent runEvent, string kind)
    {
        var line = RunEventJson.SerializeLine(runEvent);
        var json = JsonNode.Parse(line)!.AsObject();

        line.ShouldNotContain("\n");
        json.Select(p => p.Key).Take(2).ShouldBe(["schema", "kind"]);
        json["schema"]!.GetValue<string>().ShouldBe(RunEventSchema.Id);
        json["kind"]!.GetValue<string>().ShouldBe(kind);
        var allowed = RunEventSchema.Common.Concat(RunEventSchema.Fields(kind)).Select(f => f.Name).ToHashSet();
        Flatten(json, string.Empty).ShouldBeSubsetOf(allowed);
        var required = RunEventSchema.Common.Concat(RunEventSchema.Fields(kind)).Where(f => !f.Optional).Select(f => f.Name);
        required.ShouldBeSubsetOf(Flatten(json, string.Empty));
        RunEventJson.Deserialize(line).ShouldBeOfType(runEvent.GetType());
    }

    [Fact]
    public void Optional_fields_are_the_nullable_ones()
    {
        var fields = RunEventSchema.Fields("taskFailed").ToDictionary(f => f.Name);

        fields["message"].Optional.ShouldBeFalse();
        fields["command"].Optional.ShouldBeTrue();
        fields["exitCode"].Optional.ShouldBeTrue();
        fields["exitCode"].Type.ShouldBe("integer");
        fields["phase"].Type.ShouldBe("queued \\| issue \\| workspace \\| environment \\| wait \\| agent \\| verify \\| deliver \\| integrate \\| merge");
        RunEventSchema.Fields("runStarted").Select(f => f.Name).ShouldContain("run.planName");
        RunEventSchema.Fields("agentActivity").Select(f => f.Name).ShouldBe(["taskId", "activityKind", "text"]);
    }

    internal static string DocFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fanout.slnx")))
            {
                return Path.Combine(dir.FullName, "docs", "events.md");
            }
        }

        throw new FileNotFoundException("No Fanout.slnx above the test assembly.");
    }

    // "### `kind`" (or "## Common fields") then a table: | `field` | type | yes/no | description |
    private static Dictionary<string, List<EventField>> DocumentedKinds()
    {
        var kinds = new Dictionary<string, List<EventField>>();
        List<EventField>? current = null;
        foreach (var line in File.ReadAllLines(DocFile()))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                current = heading.Groups["kind"].Success ? [] : line.StartsWith("## Common fields", StringComparison.Ordinal) ? [] : null;
                if (current is not null)
                {
                    kinds.Add(heading.Groups["kind"].Success ? heading.Groups["kind"].Value : "common", current);
                }
            }
            else if (current is not null && Row().Match(line) is { Success: true } row)
            {
                current.Add(new EventField(row.Groups["name"].Value, row.Groups["type"].Value.Trim(), row.Groups["required"].Value == "no"));
            }
        }

        return kinds;
    }

    private static string Describe(IEnumerable<EventField> fields) =>
        string.Join("\n", fields.Select(f => $"| `{f.Name}` | {f.Type} | {(f.Optional ? "no" : "yes")} |"));

    private static IEnumerable<string> Flatten(JsonObject json, string prefix) =>
        json.SelectMany(p => p.Value is JsonObject inner ? Flatten(inner, prefix + p.Key + ".").Prepend(prefix + p.Key) : [prefix + p.Key]);

    [GeneratedRegex(@"^##+ (`(?<kind>[a-zA-Z]+)`|.*)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| `(?<name>[a-zA-Z.]+)` \| (?<type>.+?) \| (?<required>yes|no) \|")]
    private static partial Regex Row();
}
