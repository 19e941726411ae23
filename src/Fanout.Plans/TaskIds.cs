namespace Fanout.Plans;

/// <summary>
/// The rules for task ids. An id becomes part of branch, worktree and file names, so it keeps to
/// characters that are safe in all three and avoids what git refuses in ref names.
/// </summary>
public static class TaskIds
{
    public const int MaxLength = 64;

    /// <summary>What is wrong with <paramref name="id"/> and how to fix it, or null when it is a valid id.</summary>
    public static string? Problem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var shown = InputText.Shown(id, MaxLength);
        if (id.Length == 0)
        {
            return "task id is empty; give the task a short name such as 'api-client'";
        }

        if (id.Length > MaxLength)
        {
            return $"task id '{shown}' is {id.Length} characters long; use at most {MaxLength}";
        }

        if (!char.IsAsciiLetterOrDigit(id[0]))
        {
            return $"task id '{shown}' must start with a letter or digit";
        }

        foreach (var c in id)
        {
            if (!IsAllowed(c))
            {
                return $"task id '{shown}' contains {Describe(c)}; use only letters, digits, '.', '_' and '-'";
            }
        }

        if (id.Contains("..", StringComparison.Ordinal))
        {
            return $"task id '{shown}' must not contain '..' (git refuses it in branch names)";
        }

        if (id.EndsWith(".lock", StringComparison.Ordinal))
        {
            return $"task id '{shown}' must not end in '.lock' (git reserves it for lock files)";
        }

        if (id.EndsWith('.'))
        {
            return $"task id '{shown}' must not end in '.' (git refuses it in branch names)";
        }

        return null;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when InputText.IsHidden(c) || char.IsWhiteSpace(c) || c > '~' => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
