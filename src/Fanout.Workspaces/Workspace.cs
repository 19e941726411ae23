namespace Fanout.Workspaces;

/// <summary>One task's worktree request: names come from the run and task, never from user input unchecked.</summary>
public sealed record WorkspaceRequest(string RunId, string TaskId, string Branch, string Path, string BaseCommit)
{
    /// <summary>Folders a cone-mode sparse checkout keeps (with the files at the top); null checks out everything.</summary>
    public IReadOnlyList<string>? Sparse { get; init; }
}

public sealed record Workspace(string Path, string Branch, string BaseCommit)
{
    /// <summary>True when an existing workspace of the same task was reused or repaired.</summary>
    public bool Reused { get; init; }

    /// <summary>Where an unregistered folder found in this workspace's place was moved, so nothing in it was lost.</summary>
    public string? SetAside { get; init; }

    /// <summary>True when the worktree came from the warm pool.</summary>
    public bool Pooled { get; init; }

    /// <summary>The folders of a sparse checkout (with the files at the top); null when everything is checked out.</summary>
    public IReadOnlyList<string>? Sparse { get; init; }
}

public interface IWorkspaceProvider
{
    /// <summary>Creates the worktree and branch at the base commit; safe with many callers at once.</summary>
    Task<Workspace> CreateAsync(WorkspaceRequest request, CancellationToken cancellationToken);
}
