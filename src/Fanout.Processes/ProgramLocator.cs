namespace Fanout.Processes;

/// <summary>Finds a program the way a shell would, on a given PATH, without starting one.</summary>
public static class ProgramLocator
{
    /// <summary>The full path of <paramref name="program"/>, or null. A name with a slash is taken as a path.</summary>
    public static string? Find(string program, string? searchPath = null, string? workingDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program, workingDirectory ?? Directory.GetCurrentDirectory());
            return IsExecutable(path) ? path : null;
        }

        var folders = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
