using System.Text.Json;

namespace Fanout.Workspaces;

/// <summary>
/// What the pool is kept at: <see cref="Target"/> ready worktrees of <see cref="Base"/>, never more
/// than <see cref="MaxDiskMB"/> on disk. Written by <c>fanout pool warm</c>; runs refill to it.
/// </summary>
public sealed record PoolSettings(int Target, string? Base, long MaxDiskMB)
{
    /// <summary>No more than this many pooled worktrees, whatever is asked: each is a full checkout.</summary>
    public const int MaxCount = 200;

    public const long DefaultMaxDiskMB = 20 * 1024;

    public static PoolSettings Empty { get; } = new(0, null, DefaultMaxDiskMB);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static PoolSettings Load(string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (!File.Exists(file))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<PoolSettings>(File.ReadAllText(file), Json) ?? Empty;
        }
        catch (JsonException)
        {
            // A damaged settings file must not stop runs; the next warm rewrites it.
            return Empty;
        }
    }

    public void Save(string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, file, overwrite: true);
    }
}
