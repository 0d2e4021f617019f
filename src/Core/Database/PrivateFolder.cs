using MusicPile.Core.IO;

namespace MusicPile.Core.Database;

/// <summary>
/// Folders and files that only their owner may use (the socket folder, the password file), created and checked on
/// every start: a folder with a predictable name in <c>/tmp</c> could have been made by another user first.
/// </summary>
internal static class PrivateFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = (UnixFileMode)0x3F;
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Creates <paramref name="path"/> (mode 0700, owned by <paramref name="uid"/>) or checks the one there. A folder
    /// owned by someone else, a link, or one that others could write into is refused; one of ours that others could
    /// only read (as older versions made them) is narrowed to 0700.
    /// </summary>
    public static void Ensure(string path, uint uid, uint gid)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the embedded PostgreSQL needs Unix file permissions");
        if (UnixFileStatus.TryGet(path, followLinks: false, out _) is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Directory.CreateDirectory(path, OwnerOnly);
            if (uid != UnixFileStatus.EffectiveUid)
                Posix.ChangeOwner(path, uid, gid);
        }
        var status = UnixFileStatus.Get(path);
        if (status.Type != UnixFileStatus.FileType.Directory)
            throw new MusicPileException($"{path} is not a folder (a link or a file is there): refusing to use it; remove it and retry");
        Check(path, status, uid);
        if ((status.Mode & GroupOrOther) != 0)
            File.SetUnixFileMode(path, status.Mode & ~GroupOrOther);
    }

    /// <summary>Checks a file that holds a secret: a plain file of <paramref name="uid"/> that only its owner can use (narrowed to 0600 if others could read it).</summary>
    public static void CheckSecretFile(string path, uint uid)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the embedded PostgreSQL needs Unix file permissions");
        var status = UnixFileStatus.Get(path);
        if (status.Type != UnixFileStatus.FileType.Regular)
            throw new MusicPileException($"{path} is not a plain file: refusing to read a password from it");
        Check(path, status, uid);
        if ((status.Mode & GroupOrOther) != 0)
            File.SetUnixFileMode(path, status.Mode & ~GroupOrOther);
    }

    private static void Check(string path, UnixFileStatus status, uint uid)
    {
        if (status.Uid != uid)
            throw new MusicPileException($"{path} belongs to uid {status.Uid}, not {uid}: refusing to use it (another user may have made it); remove it and retry");
        if ((status.Mode & GroupOrOtherWrite) != 0)
            throw new MusicPileException($"{path} can be written by other users (mode {Convert.ToString((int)status.Mode, 8)}): refusing to use it; remove it and retry");
    }
}
