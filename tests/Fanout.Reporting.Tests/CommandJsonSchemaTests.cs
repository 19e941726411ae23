using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Fanout.Reporting.Json;

using Shouldly;

using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>docs/json.md is the contract of every command's --json; these keep it and the serializer in step.</summary>
public sealed partial class CommandJsonSchemaTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 15, TimeSpan.Zero);

    private static readonly AgentCheckJson Found = new("claude", "preset", "claude", true) { Path = "/usr/bin/claude", Version = "2.1.197", InstallHint = "npm install -g @anthropic-ai/claude-code" };

    private static readonly AgentCheckJson Missing = new("codex", "preset", "codex", false);

    /// <summary>Each command's document twice: every optional field set, then none.</summary>
    public static TheoryData<string, object, object> Documents() => new()
    {
        {
            "issues list",
            new IssuesListJson("local", [new IssueJson(1, "t", "closed", At, ["fanout"]) { Url = "https://x", RunId = "r1", TaskId = "a", ClosedAt = At }]),
            new IssuesListJson("local", [new IssueJson(1, "t", "open", At, [])])
        },
        {
            "plan check",
            new PlanCheckJson(new PlanJson("p", "fanout.yaml", "fanout", "claude", "local", 1) { Setup = "npm ci", Test = "npm test" }, [new PlanTaskJson("a", "A", 1, 1, "claude", [])], ["a"], [Found]),
            new PlanCheckJson(new PlanJson("p", "fanout.yaml", "fanout", "claude", "local", 1), [new PlanTaskJson("a", "A", 1, 1, "claude", [])], ["a"], [Missing])
        },
        {
            "doctor",
            new DoctorJson([Found], "/usr/bin/git", 0) { Plan = new DoctorPlanJson("p", "fanout.yaml") },
            new DoctorJson([Missing], null, 2)
        },
        {
            "clean",
            new CleanJson("r1", [new CleanedJson("a", false, false, false, "kept") { Worktree = "/w", Branch = "fanout/r1/a", Refused = "1 uncommitted change(s)" }], 0, 1),
            new CleanJson("r1", [new CleanedJson("a", true, true, true, "removed")], 1, 0)
        },
        {
            "gc",
            new GcJson([new GcItemJson("removed", "worktree", "/w", 10, "removed")], 1, 0, 1, 2, 3),
            new GcJson([new GcItemJson("kept", "branch", "fanout/r1/a", 0, "unmerged")], 0, 1, 1, 2, 3)
        },
        {
            "pool status",
            new PoolStatusJson([new PooledJson("ready", "/p/1", 5) { Head = "abc" }], 2, 5, 20480) { Base = "main" },
            new PoolStatusJson([new PooledJson("warming", "/p/1", 5)], 2, 5, 20480)
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_document_lists_exactly_the_fields_each_command_writes(string command, object full, object bare)
    {
        var documented = DocumentedCommands()[command];
        var all = Flatten(JsonNode.Parse(CommandJson.Serialize(full))!.AsObject(), string.Empty).Distinct().Order();
        var required = Flatten(JsonNode.Parse(CommandJson.Serialize(bare))!.AsObject(), string.Empty).Distinct().ToHashSet();

        documented.Select(f => f.Name).Order().ShouldBe(all, $"### `{command}` in docs/json.md");
        foreach (var field in documented)
        {
            // A field inside an optional object is required when that object is there.
            var parentPresent = !field.Name.Contains('.', StringComparison.Ordinal) || required.Contains(field.Name[..field.Name.LastIndexOf('.')]);
            if (parentPresent)
            {
                required.Contains(field.Name).ShouldBe(!field.Optional, $"{command}: {field.Name} is {(field.Optional ? "optional" : "required")} in docs/json.md");
            }
        }
    }

    [Fact]
    public void Every_documented_command_is_tested()
    {
        DocumentedCommands().Keys.ShouldBe(Documents().Select(row => (string)row[0]), ignoreOrder: true);
    }

    [Fact]
    public void Nulls_are_left_out_and_enums_are_strings()
    {
        var json = CommandJson.Serialize(new DoctorJson([Missing], null, 2));

        json.ShouldNotContain("null");
        json.ShouldNotContain("\"git\"");
        json.ShouldContain("\"missing\": 2");
    }

    private static string DocFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fanout.slnx")))
            {
                return Path.Combine(dir.FullName, "docs", "json.md");
            }
        }

        throw new FileNotFoundException("No Fanout.slnx above the test assembly.");
    }

    private static Dictionary<string, List<(string Name, bool Optional)>> DocumentedCommands()
    {
        var commands = new Dictionary<string, List<(string Name, bool Optional)>>();
        List<(string Name, bool Optional)>? current = null;
        foreach (var line in File.ReadAllLines(DocFile()))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                current = [];
                commands.Add(heading.Groups["command"].Value, current);
            }
            else if (current is not null && Row().Match(line) is { Success: true } row)
            {
                current.Add((row.Groups["name"].Value, row.Groups["required"].Value == "no"));
            }
        }

        return commands;
    }

    private static IEnumerable<string> Flatten(JsonObject json, string prefix) =>
        json.SelectMany(p => p.Value switch
        {
            JsonObject inner => Flatten(inner, prefix + p.Key + ".").Prepend(prefix + p.Key),
            JsonArray array when array.FirstOrDefault() is JsonObject element => Flatten(element, prefix + p.Key + "[].").Prepend(prefix + p.Key),
            _ => [prefix + p.Key],
        });

    [GeneratedRegex(@"^### `(?<command>[a-z ]+)`")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| `(?<name>[a-zA-Z.\[\]]+)` \| (?<type>.+?) \| (?<required>yes|no) \|")]
    private static partial Regex Row();
}
