using System.Globalization;

namespace Fanout.Core;

/// <summary>
/// What a folder weighs on disk, as du counts it: every file and folder in whole blocks, symbolic links
/// not followed. A worktree is thousands of small files that each take a block, so the sum of their
/// lengths says a quarter of what the disk gives up (2,000 small files: 0.23 MB of bytes, 8.1 MB on disk),
/// and the pool's disk bound must see the disk.
/// </summary>
public static class DiskUsage
{
    /// <summary>The allocation unit of ext4, xfs and btrfs as made by default, and of APFS and NTFS.</summary>
    public const int BlockBytes = 4096;

    /// <summary>Bytes on disk under <paramref name="path"/> (a file's own blocks); 0 when it does not exist.</summary>
    public static long Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Directory.Exists(path) ? Walk(path) : File.Exists(path) ? Blocks(new FileInfo(path).Length) : 0;
    }

    /// <summary>Bytes on disk under <paramref name="folder"/>; null when it does not exist, so a report can say "gone".</summary>
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
        var total = (long)BlockBytes;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
        {
            total += entry is FileInfo file ? Blocks(file.Length) : BlockBytes;
        }

        return total;
    }

    private static long Blocks(long length) => (length + BlockBytes - 1) / BlockBytes * BlockBytes;
}
