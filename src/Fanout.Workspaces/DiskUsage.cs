namespace Fanout.Workspaces;

/// <summary>Bytes under a folder, for reports and the pool's bound; symlinks count as themselves, never their targets.</summary>
public static class DiskUsage
{
    public static long Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(path))
        {
            return File.Exists(path) ? new FileInfo(path).Length : 0;
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        long total = 0;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", options))
        {
            total += file.Length;
        }

        return total;
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

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return unit == 0 ? string.Create(culture, $"{bytes} B") : string.Create(culture, $"{value:0.#} {units[unit]}");
    }
}
