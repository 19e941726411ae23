using System.Globalization;

namespace Fanout.Core;

/// <summary>What a folder weighs: the sizes of the files under it, symbolic links not followed (as du does for a tree).</summary>
public static class DiskUsage
{
    /// <summary>Bytes under <paramref name="path"/> (a file's own size); 0 when it does not exist.</summary>
    public static long Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Directory.Exists(path) ? Walk(path) : File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    /// <summary>Bytes under <paramref name="folder"/>; null when it does not exist, so a report can say "gone".</summary>
    public static long? Measure(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Directory.Exists(folder) ? Walk(folder) : null;
    }

    /// <summary>"1.2 GB", "340 MB", "12 KB".</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B") : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    private static long Walk(string folder)
    {
        // A link (to a file or a folder) is a reparse point: skipped, so nothing outside the tree is counted.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var total = 0L;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", options))
        {
            total += file.Length;
        }

        return total;
    }
}
