using Fanout.Core;

namespace Fanout.Plans;

/// <summary>
/// A command from a plan. A string runs with <c>sh -c</c> and never has task data spliced into it
/// (task data reaches it as FANOUT_* variables); a list runs as argv and substitutes {placeholders}.
/// </summary>
public sealed record CommandSpec
{
    private CommandSpec(string? shell, IReadOnlyList<string> argv, SourcePosition? position)
    {
        Shell = shell;
        Argv = argv;
        Position = position;
    }

    public string? Shell { get; }

    public IReadOnlyList<string> Argv { get; }

    public SourcePosition? Position { get; }

    public bool IsShell => Shell is not null;

    public static CommandSpec FromShell(string script, SourcePosition? position = null) => new(script, [], position);

    public static CommandSpec FromArgv(IReadOnlyList<string> argv, SourcePosition? position = null) =>
        argv.Count == 0 ? throw new ArgumentException("A command needs at least a program.", nameof(argv)) : new(null, argv, position);

    /// <summary>The program and arguments to start, with {placeholders} replaced in argv form only.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Resolve(IReadOnlyDictionary<string, string> placeholders)
    {
        ArgumentNullException.ThrowIfNull(placeholders);
        if (Shell is not null)
        {
            return ("sh", ["-c", Shell]);
        }

        var resolved = Argv.Select(a => Substitute(a, placeholders)).ToArray();
        return (resolved[0], resolved[1..]);
    }

    /// <summary>Whether the argv template names a placeholder (an agent that needs {issue} waits for it).</summary>
    public bool Uses(string placeholder) =>
        Argv.Any(a => a.Contains("{" + placeholder + "}", StringComparison.Ordinal));

    public override string ToString() => Shell ?? string.Join(' ', Argv);

    private static string Substitute(string template, IReadOnlyDictionary<string, string> placeholders)
    {
        foreach (var (name, value) in placeholders)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}
