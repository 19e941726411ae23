using Fanout.Core;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fanout.Plans;

/// <summary>Reads typed values out of YAML nodes, recording a positioned error for each value of the wrong shape.</summary>
internal sealed class NodeReader(YamlSource source, ErrorSink errors, PlanPaths paths)
{
    public YamlSource Source => source;

    /// <summary>Where the files this plan names must stay: the repository.</summary>
    public PlanPaths Paths => paths;

    public ErrorSink Errors => errors;

    public static bool IsNull(YamlNode? node) =>
        node is null or YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public void Error(YamlNode node, string message) => errors.Add(source.At(node), message);

    /// <summary>The known keys of a mapping; each unknown key is an error with a did-you-mean.</summary>
    public Fields Fields(YamlMappingNode mapping, IReadOnlyList<string> known, string context, bool ignoreUnknown = false)
    {
        var fields = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (known.Contains(key, StringComparer.Ordinal))
            {
                fields[key] = (keyNode, value);
            }
            else if (!ignoreUnknown)
            {
                var hint = Suggestions.Hint(key, known);
                Error(keyNode, hint.Length > 0
                    ? $"unknown key '{key}' {context}{hint}"
                    : $"unknown key '{key}' {context}; known keys: {string.Join(", ", known)}");
            }
        }

        return new Fields(fields);
    }

    /// <summary>A plain string value; null (with an error) when the node is a list or mapping.</summary>
    public string? String(YamlNode? node, string what)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node!, $"{what} must be a single value, not a {Shape(node!)}");
        return null;
    }

    /// <summary>A whole number in the rule's range; null (with the rule's one-line error) when it is not.</summary>
    public long? Whole(YamlNode? node, WholeNumberRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var text = String(node, $"'{rule.Name}'");
        if (text is null)
        {
            return null;
        }

        if (rule.Check(text, out var value) is { } problem)
        {
            Error(node!, problem);
            return null;
        }

        return value;
    }

    /// <summary>A duration in the rule's range; null (with the rule's one-line error) when it is not.</summary>
    public TimeSpan? Duration(YamlNode? node, DurationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var text = String(node, $"'{rule.Name}'");
        if (text is null)
        {
            return null;
        }

        if (rule.Check(text, out var value) is { } problem)
        {
            Error(node!, problem);
            return null;
        }

        return value;
    }

    /// <summary>A list of strings with their positions; a single string counts as a list of one.</summary>
    public IReadOnlyList<(string Value, SourcePosition Position)> Strings(YamlNode? node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is YamlScalarNode scalar)
        {
            return [(scalar.Value ?? string.Empty, source.At(scalar))];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node!, $"{what} must be a list of strings, not a mapping");
            return [];
        }

        var values = new List<(string, SourcePosition)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode s && !IsNull(s))
            {
                values.Add((s.Value ?? string.Empty, source.At(s)));
            }
            else
            {
                Error(item, $"each entry of {what} must be a string");
            }
        }

        return values;
    }

    /// <summary>A string-to-string mapping such as <c>env:</c>.</summary>
    public IReadOnlyDictionary<string, string> Map(YamlNode? node, string what)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node))
        {
            return map;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node!, $"{what} must be a mapping of names to values");
            return map;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode k && value is YamlScalarNode v)
            {
                map[k.Value ?? string.Empty] = IsNull(v) ? string.Empty : v.Value ?? string.Empty;
            }
            else
            {
                Error(value, $"each value of {what} must be a single value, not a {Shape(value)}");
            }
        }

        return map;
    }

    /// <summary>A command: a string runs with <c>sh -c</c>, a list runs as argv.</summary>
    public CommandSpec? Command(YamlNode? node, string what)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return Confined(CommandSpec.FromShell(scalar.Value ?? string.Empty, source.At(scalar)), what);
        }

        if (node is not YamlSequenceNode)
        {
            Error(node!, $"{what} must be a string (run with sh -c) or a list of arguments");
            return null;
        }

        var argv = Strings(node, what);
        if (argv.Count > 0 && string.IsNullOrWhiteSpace(argv[0].Value))
        {
            Error(node!, $"{what} starts with an empty program; give the program to run first");
            return null;
        }

        if (argv.Count > 0)
        {
            return Confined(CommandSpec.FromArgv(argv.Select(a => a.Value).ToArray(), source.At(node!)), what);
        }

        Error(node!, $"{what} is an empty list; give at least the program to run");
        return null;
    }

    /// <summary>Also a reader of what a plan names, through the scripts its commands name.</summary>
    private CommandSpec Confined(CommandSpec command, string what)
    {
        paths.Command(command, what, errors);
        return command;
    }

    public static string Shape(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        _ => "value",
    };
}
