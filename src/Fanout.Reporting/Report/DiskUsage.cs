namespace Fanout.Reporting.Report;

/// <summary>What a folder weighs: the sizes of the files under it, symbolic links not followed (each counted once, as du does for a tree).</summary>
public static class DiskUsage
{
    /// <summary>Bytes under <paramref name="folder"/>; null when it does not exist.</summary>
    public static long? Measure(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var root = new DirectoryInfo(folder);
        if (!root.Exists)
        {
            return null;
        }

        var total = 0L;
        var pending = new Stack<DirectoryInfo>([root]);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo child)
                {
                    pending.Push(child);
                }
                else if (entry is FileInfo file)
                {
                    total += file.Length;
                }
            }
        }

        return total;
    }
}
