namespace Fanout.Workspaces;

/// <summary>A branch to create and the commit (or revision) it starts at.</summary>
public sealed record BranchStart(string Branch, string StartPoint);
