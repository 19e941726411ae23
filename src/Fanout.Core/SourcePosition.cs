namespace Fanout.Core;

/// <summary>Where something was written, so every message can point the user at it.</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
