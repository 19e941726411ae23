using System.Globalization;

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fanout.Plans;

/// <summary>
/// YAML as it is parsed, stopped at bounds no plan comes near, so hostile text cannot exhaust the
/// stack (nesting: the document model is built recursively), time (an alias bomb, whose repeats a
/// mapping key's hash walks) or memory. Aliases count as many values as they repeat; an alias inside
/// the node it names would make a cycle, and one before its anchor is not YAML: both are refused.
/// </summary>
internal sealed class BoundedParser(IParser inner) : IParser
{
    /// <summary>A plan nests a handful of levels (tasks, a task, its agent's options).</summary>
    public const int MaxDepth = 64;

    /// <summary>Values in one file, counting every value an alias repeats: far beyond a 50-task plan's few thousand.</summary>
    public const int MaxValues = 100_000;

    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long Before)> _open = new();
    private long _values;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case Scalar scalar:
                Count(scalar, 1);
                Name(scalar.Anchor, 1);
                break;
            case SequenceStart or MappingStart:
                var node = (NodeEvent)inner.Current;
                if (_open.Count >= MaxDepth)
                {
                    throw new YamlLimitException(node, $"the YAML nests deeper than {MaxDepth} levels; a plan needs only a few");
                }

                Count(node, 1);
                _open.Push((node.Anchor.IsEmpty ? null : node.Anchor.Value, _values - 1));
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                var (anchor, before) = _open.Pop();
                if (anchor is not null)
                {
                    _sizes[anchor] = _values - before;
                }

                break;
            case AnchorAlias alias:
                if (_open.Any(o => o.Anchor == alias.Value.Value))
                {
                    throw new YamlLimitException(alias, $"alias *{alias.Value.Value} is inside the node it names, which would make a loop; write the value out");
                }

                // YAML allows an alias only after its anchor. YamlDotNet also takes one before it, leaving the
                // alias unresolved until the end, and two such aliases as keys of one mapping recurse in its
                // Equals until the stack overflows: refused here, with the position.
                if (!_sizes.TryGetValue(alias.Value.Value, out var size))
                {
                    throw new YamlLimitException(alias, $"YAML syntax error: alias *{alias.Value.Value} comes before any anchor &{alias.Value.Value}; define the anchor first, or write the value out");
                }

                Count(alias, size);
                break;
        }

        return true;
    }

    private void Name(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _sizes[anchor.Value] = size;
        }
    }

    private void Count(ParsingEvent at, long values)
    {
        _values += values;
        if (_values > MaxValues)
        {
            throw new YamlLimitException(at, $"the YAML holds more than {MaxValues.ToString(CultureInfo.InvariantCulture)} values, counting what its aliases repeat; a plan needs far fewer (an alias bomb?)");
        }
    }
}

/// <summary>A bound of <see cref="BoundedParser"/> was passed, at the event that passed it.</summary>
internal sealed class YamlLimitException(ParsingEvent at, string message) : YamlException(at.Start, at.End, message);
