using System.Globalization;
using System.Text;

namespace MusicPile.Core.Database;

/// <summary>
/// The embedded cluster's configuration, written into its data folder on every start: server settings in
/// <c>musicpile.conf</c> (included last from <c>postgresql.conf</c>, so it wins over anything before it) and the
/// client authentication rules in <c>pg_hba.conf</c>. Paths travel in these files, never on a command line.
/// </summary>
internal static class ClusterSettings
{
    public const string FileName = "musicpile.conf";
    private const string IncludeLine = "include '" + FileName + "'";

    /// <summary>The one authentication rule: Unix socket only, SCRAM password for every user.</summary>
    public const string Hba = """
        # MusicPile embedded cluster: the Unix socket only, a SCRAM password for every user.
        local all all scram-sha-256

        """;

    /// <summary>Writes <c>musicpile.conf</c> and makes sure <c>postgresql.conf</c> includes it.</summary>
    public static void Write(string dataDir, string socketDir, int port, (uint Uid, uint Gid)? owner)
    {
        var conf = new StringBuilder()
            .AppendLine("# Written by MusicPile on every start of the embedded cluster; edits here are replaced.")
            .AppendLine("listen_addresses = ''")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = {SocketDirectoriesValue(socketDir)}")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine("password_encryption = 'scram-sha-256'")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 128MB")
            // Bulk loads (millions of document rows by COPY) must not checkpoint every few seconds.
            .AppendLine("max_wal_size = 4GB")
            .AppendLine("min_wal_size = 256MB")
            .AppendLine("checkpoint_timeout = 15min")
            .AppendLine("checkpoint_completion_target = 0.9")
            .ToString();
        var path = Path.Combine(dataDir, FileName);
        File.WriteAllText(path, conf);
        if (owner is { } o)
            Posix.ChangeOwner(path, o.Uid, o.Gid);
        var main = Path.Combine(dataDir, "postgresql.conf");
        if (!File.ReadLines(main).Any(l => l.Trim() == IncludeLine))
            File.AppendAllText(main, "\n" + IncludeLine + "\n");
    }

    /// <summary>True when some rule of <c>pg_hba.conf</c> lets a client in without a password (clusters made before passwords).</summary>
    public static bool TrustsAnyone(string dataDir)
    {
        var path = Path.Combine(dataDir, "pg_hba.conf");
        return File.ReadLines(path)
            .Select(l => l.Split('#')[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length >= 4 && f.Contains("trust", StringComparer.Ordinal));
    }

    /// <summary>Replaces <c>pg_hba.conf</c> with <see cref="Hba"/> (the file keeps its owner).</summary>
    public static void RequirePasswords(string dataDir) => File.WriteAllText(Path.Combine(dataDir, "pg_hba.conf"), Hba);

    /// <summary>
    /// A path for <c>unix_socket_directories</c>: a list, so the name is double-quoted (spaces and commas are fine),
    /// inside a configuration string, so quotes and backslashes are escaped.
    /// </summary>
    internal static string SocketDirectoriesValue(string dir)
    {
        RequirePlainPath(dir);
        return "'\"" + dir.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "\"'";
    }

    /// <summary>
    /// pg_ctl starts the server through a shell with each path in double quotes: spaces are safe, but a double quote,
    /// dollar, backquote, backslash or control character in a path is not, so such paths are refused.
    /// </summary>
    public static void RequirePlainPath(string path)
    {
        if (path.Any(c => c is '"' or '$' or '`' or '\\' || char.IsControl(c)))
            throw MusicPileException.Usage($"{path}: the embedded PostgreSQL cannot use a path with a double quote, $, `, \\ or a control character; choose another --home");
    }
}
