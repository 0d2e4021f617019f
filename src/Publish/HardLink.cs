using System.Runtime.InteropServices;

namespace MusicPile.Publish;

/// <summary>Hard links keep a child snapshot's copy of its parent's files free; a copy where links are not possible.</summary>
internal static partial class HardLink
{
    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string oldPath, string newPath);

    public static void CreateOrCopy(string source, string target)
    {
        if (File.Exists(target))
            File.Delete(target);
        if (!OperatingSystem.IsLinux() || Link(source, target) != 0)
            File.Copy(source, target);
    }
}
