using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fanout.Workspaces;

/// <summary>Ports <see cref="First"/> to First + Count - 1, held by one task (<c>run/task</c>).</summary>
public sealed record PortBlock(int First, int Count, string Owner);

/// <summary>
/// Hands each task its own block of ports, so parallel dev servers do not collide. Allocations
/// live in a file under <c>.git/fanout</c> changed only under a cross-process lock, and a block is
/// given only if every port in it binds on 127.0.0.1 now.
/// </summary>
public sealed class PortAllocator(string stateFile, string lockFile)
{
    public const int DefaultBlockSize = 10;
    public const int RangeStart = 20000;
    public const int RangeEnd = 60000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static PortAllocator For(RepositoryPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new PortAllocator(Path.Combine(paths.StateDir, "ports.json"), Path.Combine(paths.LockDir, "ports.lock"));
    }

    /// <summary>The owner's block; the same owner asking again (a rerun) gets the block it has.</summary>
    public async Task<PortBlock> AllocateAsync(string owner, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await using var held = await RepositoryLock.AcquireAsync(lockFile, cancellationToken);
        var blocks = Load();
        if (blocks.FirstOrDefault(b => b.Owner == owner && b.Count == count) is { } mine)
        {
            return mine;
        }

        blocks.RemoveAll(b => b.Owner == owner);
        for (var first = RangeStart; first + count <= RangeEnd; first += count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (blocks.Any(b => first < b.First + b.Count && b.First < first + count) || !AllFree(first, count))
            {
                continue;
            }

            var block = new PortBlock(first, count, owner);
            blocks.Add(block);
            Save(blocks);
            return block;
        }

        throw new InvalidOperationException($"no free block of {count} ports between {RangeStart} and {RangeEnd}; release old ones with 'fanout clean' or 'fanout gc'");
    }

    /// <summary>Frees the blocks whose owner matches; returns how many.</summary>
    public async Task<int> ReleaseAsync(Func<PortBlock, bool> which, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(which);
        await using var held = await RepositoryLock.AcquireAsync(lockFile, cancellationToken);
        var blocks = Load();
        var released = blocks.RemoveAll(b => which(b));
        if (released > 0)
        {
            Save(blocks);
        }

        return released;
    }

    public async Task<IReadOnlyList<PortBlock>> ListAsync(CancellationToken cancellationToken)
    {
        await using var held = await RepositoryLock.AcquireAsync(lockFile, cancellationToken);
        return Load();
    }

    private static bool AllFree(int first, int count)
    {
        for (var port = first; port < first + count; port++)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private List<PortBlock> Load()
    {
        if (!File.Exists(stateFile))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<PortBlock>>(File.ReadAllText(stateFile), Json) ?? [];
        }
        catch (JsonException)
        {
            // A damaged file loses only reservations; the bind test still keeps busy ports out.
            return [];
        }
    }

    private void Save(List<PortBlock> blocks)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        var temporary = stateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(blocks, Json));
        File.Move(temporary, stateFile, overwrite: true);
    }
}
