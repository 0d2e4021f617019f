using System.Runtime.InteropServices;

namespace MusicPile.Core.Database;

internal static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    public static void ChangeOwner(string path, uint uid, uint gid)
    {
        if (Chown(path, uid, gid) != 0)
            throw new IOException($"chown {path} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The numeric uid and gid of a local user, read from /etc/passwd.</summary>
    public static (uint Uid, uint Gid)? LookupUser(string name)
    {
        if (!File.Exists("/etc/passwd"))
            return null;
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length > 3 && f[0] == name)
                return (uint.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), uint.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
        }
        return null;
    }
}
