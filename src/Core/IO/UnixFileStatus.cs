using System.Runtime.InteropServices;

namespace MusicPile.Core.IO;

/// <summary>
/// What <c>statx(2)</c> says about a path: the device and inode that identify a file whatever it is called, its
/// owner, type and permission bits. Used where a name is not enough: to notice a folder seen before through a link,
/// and to check that a folder is owned by this user before trusting it.
/// </summary>
public readonly partial record struct UnixFileStatus(ulong Device, ulong Inode, uint Uid, uint Gid, UnixFileStatus.FileType Type, UnixFileMode Mode)
{
    /// <summary>The kinds of file this project tells apart.</summary>
    public enum FileType
    {
        Other,
        Regular,
        Directory,
        SymbolicLink,
    }

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    /// <summary>The device and inode as one value: equal for two paths exactly when they name the same file.</summary>
    public (ulong Device, ulong Inode) Identity => (Device, Inode);

    /// <summary>
    /// The status of <paramref name="path"/>, of the file a link points to when <paramref name="followLinks"/> is set;
    /// null with the error number when it cannot be had (ENOENT for a dangling link, ELOOP for a link loop).
    /// </summary>
    public static UnixFileStatus? TryGet(string path, bool followLinks, out int errno)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> buffer = stackalloc byte[StatxSize];
        buffer.Clear();
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        // struct statx is the same on every architecture: uid at 20, gid at 24, mode at 28, ino at 32, dev at 136.
        var mode = BitConverter.ToUInt16(buffer[28..]);
        var type = (mode & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            _ => FileType.Other,
        };
        var device = ((ulong)BitConverter.ToUInt32(buffer[136..]) << 32) | BitConverter.ToUInt32(buffer[140..]);
        return new UnixFileStatus(device, BitConverter.ToUInt64(buffer[32..]), BitConverter.ToUInt32(buffer[20..]),
            BitConverter.ToUInt32(buffer[24..]), type, (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>The status of a path (not following a final link), or an <see cref="IOException"/> naming the error.</summary>
    public static UnixFileStatus Get(string path, bool followLinks = false) =>
        TryGet(path, followLinks, out var errno) ?? throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUid => GetEuid();

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
