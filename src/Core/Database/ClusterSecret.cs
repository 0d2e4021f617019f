using System.Security.Cryptography;

namespace MusicPile.Core.Database;

/// <summary>
/// The embedded cluster's password: made at random when the cluster is made (or upgraded from trust), kept in a
/// PostgreSQL password file (<c>*:*:*:postgres:SECRET</c>) readable only by the user who runs MusicPile, and named in
/// the connection string as its <c>Passfile</c>, so the secret itself never appears in a connection string.
/// </summary>
internal static class ClusterSecret
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The password in <paramref name="path"/>, after checking who owns the file and who can read it; null when the file is missing.</summary>
    public static string? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        PrivateFolder.CheckSecretFile(path, IO.UnixFileStatus.EffectiveUid);
        var line = File.ReadAllText(path).Trim();
        var parts = line.Split(':');
        if (parts.Length != 5 || parts[4].Length == 0 || !parts[4].All(char.IsAsciiHexDigit))
            throw new MusicPileException($"{path} is not a password file (expected *:*:*:postgres:SECRET)");
        return parts[4];
    }

    /// <summary>Makes a new password and writes its file (mode 0600, created so that it is never readable by others).</summary>
    public static string Create(string path)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the embedded PostgreSQL needs Unix file permissions");
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        File.Delete(tmp);
        using (var f = new FileStream(tmp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }))
        using (var w = new StreamWriter(f))
            w.Write($"*:*:*:postgres:{secret}\n");
        File.Move(tmp, path, overwrite: true);
        return secret;
    }

    /// <summary>Writes the bare password for <c>initdb --pwfile</c>, owned by the user initdb runs as; the caller deletes it.</summary>
    public static void WriteInitdbFile(string path, string secret, (uint Uid, uint Gid)? owner)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the embedded PostgreSQL needs Unix file permissions");
        File.Delete(path);
        using (var f = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }))
        using (var w = new StreamWriter(f))
            w.Write(secret + "\n");
        if (owner is { } o)
            Posix.ChangeOwner(path, o.Uid, o.Gid);
    }
}
