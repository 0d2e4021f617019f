using System.Runtime.InteropServices;

namespace MusicPile.Core.IO;

/// <summary>The canonical path of a file, every link and <c>..</c> resolved (<c>realpath(3)</c>).</summary>
public static partial class RealPath
{
    /// <summary>The canonical path, or null with the error number (ENOENT for a dangling link, ELOOP for a loop).</summary>
    public static string? TryGet(string path, out int errno)
    {
        ArgumentNullException.ThrowIfNull(path);
        var resolved = Resolve(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        try
        {
            errno = 0;
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies under it (both canonical).</summary>
    public static bool IsUnder(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        var f = folder.TrimEnd('/');
        return path == folder || path.StartsWith(f + "/", StringComparison.Ordinal) || f.Length == 0;
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr Resolve(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
