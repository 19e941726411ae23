using Fanout.Core;

namespace Fanout.Plans;

/// <summary>Collects every problem in a plan so the user can fix them all in one pass.</summary>
internal sealed class ErrorSink
{
    private readonly List<InputProblem> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(SourcePosition position, string message) => _errors.Add(new InputProblem(position, message));

    /// <summary>The errors in reading order: the plan file first, then other files, each top to bottom.</summary>
    public IReadOnlyList<InputProblem> Sorted(string planFile) =>
        _errors
            .OrderBy(e => e.Position!.File == planFile ? 0 : 1)
            .ThenBy(e => e.Position!.File, StringComparer.Ordinal)
            .ThenBy(e => e.Position!.Line)
            .ThenBy(e => e.Position!.Column)
            .ToArray();
}
