using CsCheck;

namespace Fanout.Fuzz.Tests;

/// <summary>
/// Plans built from the keys the readers know (and near misses), with values of every shape and
/// type, block or flow style, anchors and aliases: text that gets past the YAML parser and into the
/// readers, where the interesting mistakes are.
/// </summary>
internal static class PlanTexts
{
    private static readonly string[] PlanKeys =
        ["name", "base", "tracker", "github", "agent", "agents", "setup", "test", "include", "maxParallel", "ports", "preamble", "merge", "metadata", "promt", "tasks"];

    private static readonly string[] TaskKeys =
        ["id", "title", "prompt", "file", "dependsOn", "agent", "labels", "priority", "setup", "test", "acceptance", "files", "timeout", "retries", "conflictsWith", "name", "dependencies", "depends_on"];

    private static readonly string[] NestedKeys =
        ["command", "preset", "timeout", "retries", "env", "options", "passTrackerToken", "passEnv", "repo", "baseUrl", "minInterval", "perMinute", "perHour", "blockSize", "test", "model", "maxTurns", "permissionMode", "PATH", "GH_TOKEN"];

    private static readonly string[] Words =
        ["a", "b", "task-1", "api-client", "claude", "codex", "gemini", "aider", "edit", "local", "github", "once", "each", "true", "no", "null", "~", "",
         "0", "-1", "1", "7", "1.5", "1e9", "99999999999", "0x10", "10m", "1h30m", "500ms", "30m1h", "soon", "25h", "acme/widgets", "https://ghe.example/api/v3",
         "../../etc/passwd", "/etc/passwd", "tasks/ok.md", "link.md", "docs/../../x", "a/b/../../../c", "**/*.env", ".env", "~/.ssh/id_rsa", "sh", "./run.sh",
         "$(whoami)", "`id`", "; rm -rf ~", "a.lock", "a..b", "-rf", "{task}", "{prompt_file}", "\u202eevil", "é", "\u0000", "\u001b[2J", "\t", "main"];

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (8, Gen.OneOf(Words)),
        (2, Gen.String[Gen.Char[Mutations.Specials], 0, 12]),
        (1, Gen.String[0, 30]),
        (1, Gen.Int[1, 400].Select(n => new string('x', n))));

    /// <summary>A scalar written plain, single- or double-quoted.</summary>
    private static readonly Gen<string> Written = Gen.Select(Scalar, Gen.Int[0, 2], (s, style) => style switch
    {
        0 => s,
        1 => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => "\"" + string.Concat(s.Select(c => c switch { '"' => "\\\"", '\\' => "\\\\", < ' ' => $"\\x{(int)c:X2}", _ => c.ToString() })) + "\"",
    });

    private static readonly Gen<string> FlowValue = Gen.Recursive<string>((depth, inner) => depth > 3
        ? Written
        : Gen.Frequency(
            (6, Written),
            (2, inner.Array[0, 4].Select(items => "[" + string.Join(", ", items) + "]")),
            (2, Gen.Select(Gen.OneOf(NestedKeys), inner).Array[0, 3].Select(pairs => "{" + string.Join(", ", pairs.Select(p => $"{p.Item1}: {p.Item2}")) + "}")),
            (1, Gen.Select(Gen.Int[0, 3], inner, (anchor, value) => $"&a{anchor} {value}")),
            (1, Gen.Int[0, 3].Select(anchor => $"*a{anchor}"))));

    private static readonly Gen<string> Task = Gen.Select(Gen.OneOf(TaskKeys), FlowValue).Array[0, 6]
        .Select(pairs => pairs.Length == 0 ? "  - {}\n" : "  - " + string.Join("    ", pairs.Select(p => $"{p.Item1}: {p.Item2}\n")));

    private static readonly Gen<string> BlockMapping = Gen.Select(Gen.OneOf(NestedKeys), FlowValue).Array[0, 4]
        .Select(pairs => string.Concat(pairs.Select(p => $"\n  {p.Item1}: {p.Item2}")));

    private static readonly Gen<string> TopLevel = Gen.Select(Gen.OneOf(PlanKeys), Gen.Frequency((3, FlowValue.Select(v => " " + v)), (1, BlockMapping)))
        .Select(pair => $"{pair.Item1}:{pair.Item2}\n");

    /// <summary>A whole fanout.yaml: top-level keys in any order, then usually a task list, sometimes with CRLF or a BOM.</summary>
    public static Gen<string> FanoutYaml { get; } = Gen.Select(
        TopLevel.Array[0, 6],
        Task.Array[0, 5],
        Gen.Int[0, 9],
        (top, tasks, form) =>
        {
            var text = string.Concat(top) + (tasks.Length > 0 || form > 2 ? "tasks:\n" + string.Concat(tasks) : string.Empty);
            return form switch
            {
                0 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
                1 => "\ufeff" + text,
                _ => text,
            };
        });

    /// <summary>YAML front matter for a Contextune or ccpm task file, then a Markdown body.</summary>
    public static Gen<string> FrontMatterFile { get; } = Gen.Select(
        Gen.Select(Gen.OneOf(TaskKeys.Concat(["status", "parallel", "conflicts_with", "created", "github"]).ToArray()), FlowValue).Array[0, 6],
        Gen.OneOf("# Task: Do it\n\nWrite the file.\n", "", "\n\n", "Body only.\n", "# \n", "---\n", "...\n"),
        Gen.Int[0, 5],
        (pairs, body, form) =>
        {
            var yaml = string.Concat(pairs.Select(p => $"{p.Item1}: {p.Item2}\n"));
            return form switch
            {
                0 => body,
                1 => "---\n" + yaml,
                2 => "---\n" + yaml + "...\n" + body,
                _ => "---\n" + yaml + "---\n" + body,
            };
        });
}
