using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MusicPile.Publish;

/// <summary>
/// Disk space files really take: a file hard-linked into several snapshots counts once (by device and inode), and
/// what a folder's removal frees is only what no other link still holds.
/// </summary>
public static partial class DiskUsage
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Bytes allocated to the distinct files under <paramref name="folders"/>, and how many distinct files.</summary>
    public static (long Bytes, long Files) Measure(IEnumerable<string> folders)
    {
        var seen = new HashSet<(ulong Dev, ulong Ino)>();
        long bytes = 0, files = 0;
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                if (Stat(file) is not { } s)
                {
                    bytes += new FileInfo(file).Length;
                    files++;
                }
                else if (seen.Add((s.Dev, s.Ino)))
                {
                    bytes += s.Blocks * 512;
                    files++;
                }
            }
        }
        return (bytes, files);
    }

    /// <summary>How many names the file has (hard links); 1 where that cannot be asked.</summary>
    public static int LinkCount(string path) => Stat(path)?.Links ?? 1;

    private static (ulong Dev, ulong Ino, long Blocks, int Links)? Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        Span<byte> buffer = stackalloc byte[256];
        if (StatxInto(path, buffer) != 0)
            return null;
        // struct statx (linux/stat.h), the same layout on every architecture.
        var links = BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]);
        var ino = BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]);
        var blocks = BinaryPrimitives.ReadUInt64LittleEndian(buffer[48..]);
        var devMajor = BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]);
        var devMinor = BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        return (((ulong)devMajor << 32) | devMinor, ino, (long)blocks, (int)links);
    }

    private static unsafe int StatxInto(string path, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
            return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, p);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
