using System.Security.Cryptography;
using System.Text;
using MusicPile.Core.IO;
using Npgsql;

namespace MusicPile.Core.Database;

/// <summary>
/// A private PostgreSQL cluster under <c>&lt;home&gt;/pg</c>, built from the machine's own server binaries and reached
/// on a Unix socket only, in a folder only the cluster's owner can enter, with a SCRAM password kept in a 0600 file
/// under the home. PostgreSQL refuses to run as root, so when the caller is root the cluster belongs to the
/// <c>postgres</c> user.
/// </summary>
public sealed class EmbeddedPostgres
{
    public const string DatabaseName = "musicpile";
    private const int Port = 5432;
    private readonly string _clusterDir;
    private readonly string? _runAs;

    public EmbeddedPostgres(MusicPileHome home)
    {
        Home = home;
        _runAs = Posix.IsRoot ? "postgres" : null;
        _clusterDir = ChooseClusterDir(home, _runAs is not null);
        BinDir = FindBinDir();
    }

    public MusicPileHome Home { get; }
    public string? BinDir { get; }
    public string DataDir => Path.Combine(_clusterDir, "data");
    public string SocketDir => SocketDirFor(_clusterDir);
    public string LogFile => Path.Combine(_clusterDir, "server.log");

    /// <summary>The password file (<c>&lt;home&gt;/.pgpass</c>, mode 0600) that the connection string names.</summary>
    public string PasswordFile => Path.Combine(Home.Root, ".pgpass");

    /// <summary>How to reach the cluster: its socket folder and the password file (never the password itself).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDir,
        Port = Port,
        Username = "postgres",
        Database = DatabaseName,
        Passfile = PasswordFile,
        IncludeErrorDetail = true,
    }.ConnectionString;

    public bool IsInitialized => File.Exists(Path.Combine(DataDir, "PG_VERSION"));

    public async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        if (!IsInitialized)
            return false;
        var r = await PgCtl(["status", "-D", DataDir], ct).ConfigureAwait(false);
        return r.ExitCode == 0;
    }

    /// <summary>
    /// Initialises the cluster if needed and starts it. Returns true when this call started the server. Every start
    /// rewrites the settings, makes or checks the socket folder, and moves a cluster that trusted local users to passwords.
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken ct)
    {
        RequireBinaries();
        ClusterSettings.RequirePlainPath(_clusterDir);
        ClusterSettings.RequirePlainPath(SocketDir);
        using var gate = await FileGate.AcquireAsync(Path.Combine(Home.Root, ".pg-start.lock"), ct).ConfigureAwait(false);
        var owner = ClusterOwner();
        var (uid, gid) = owner ?? (UnixFileStatus.EffectiveUid, 0u);
        // The cluster folder may be under /var/tmp with a predictable name: it must be the cluster owner's alone.
        PrivateFolder.Ensure(_clusterDir, uid, gid);
        var secret = ClusterSecret.Read(PasswordFile);
        if (!IsInitialized)
            await InitAsync(owner, secret ??= ClusterSecret.Create(PasswordFile), ct).ConfigureAwait(false);
        var trusting = ClusterSettings.TrustsAnyone(DataDir);
        if (secret is null && !trusting)
            throw new MusicPileException($"the password file {PasswordFile} of the embedded database is missing; restore it, or move {_clusterDir} away to start a new database");
        secret ??= ClusterSecret.Create(PasswordFile);
        PrivateFolder.Ensure(SocketDir, uid, gid);
        ClusterSettings.Write(DataDir, SocketDir, Port, owner);
        var started = false;
        if (!await IsRunningAsync(ct).ConfigureAwait(false))
        {
            var r = await PgCtl(["start", "-D", DataDir, "-l", LogFile, "-w", "-t", "60"], ct).ConfigureAwait(false);
            if (r.ExitCode != 0)
                throw new MusicPileException($"PostgreSQL did not start (see {LogFile}): {Tail(r.Output)}");
            started = true;
        }
        if (trusting)
            await RequirePasswordsAsync(secret, ct).ConfigureAwait(false);
        await EnsureDatabaseAsync(ct).ConfigureAwait(false);
        return started;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (!await IsRunningAsync(ct).ConfigureAwait(false))
            return;
        NpgsqlConnection.ClearAllPools();
        var r = await PgCtl(["stop", "-D", DataDir, "-m", "fast", "-w", "-t", "60"], ct).ConfigureAwait(false);
        if (r.ExitCode != 0)
            throw new MusicPileException($"PostgreSQL did not stop: {Tail(r.Output)}");
    }

    public async Task<string?> ServerVersionAsync(CancellationToken ct)
    {
        if (BinDir is null)
            return null;
        var r = await ProcessRunner.RunAsync(Path.Combine(BinDir, "postgres"), ["--version"], ct).ConfigureAwait(false);
        return r.ExitCode == 0 ? r.StdOut.Trim() : null;
    }

    /// <summary>The user the server runs as when it is not this process's user (root runs it as <c>postgres</c>).</summary>
    private (uint Uid, uint Gid)? ClusterOwner()
    {
        if (_runAs is null)
            return null;
        return Posix.LookupUser(_runAs)
            ?? throw new MusicPileException("running as root needs a 'postgres' user to own the database: apt-get install -y postgresql");
    }

    private async Task InitAsync((uint Uid, uint Gid)? owner, string secret, CancellationToken ct)
    {
        var pwfile = Path.Combine(_clusterDir, "initdb.pw");
        ClusterSecret.WriteInitdbFile(pwfile, secret, owner);
        try
        {
            var r = await ProcessRunner.RunAsync(Path.Combine(BinDir!, "initdb"),
                ["-D", DataDir, "-U", "postgres", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "--pwfile=" + pwfile,
                 "--encoding=UTF8", "--locale=C", "--no-sync"], ct, _runAs).ConfigureAwait(false);
            if (r.ExitCode != 0)
                throw new MusicPileException($"initdb failed for {DataDir}: {Tail(r.Output)}");
        }
        finally
        {
            File.Delete(pwfile);
        }
        ClusterSettings.RequirePasswords(DataDir);
    }

    /// <summary>
    /// A cluster made when local users were trusted: give the superuser the password, then require it. Other users
    /// cannot connect meanwhile: the socket folder is already private.
    /// </summary>
    private async Task RequirePasswordsAsync(string secret, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        // ALTER ROLE takes no parameters; the secret is hexadecimal, made here, so it is safe as a literal.
        await using (var alter = new NpgsqlCommand($"ALTER ROLE postgres WITH PASSWORD '{secret}'", conn))
            await alter.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        ClusterSettings.RequirePasswords(DataDir);
        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", conn);
        await reload.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        await using var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        check.Parameters.AddWithValue(DatabaseName);
        if (await check.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", conn);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private Task<ProcessRunner.Result> PgCtl(string[] args, CancellationToken ct)
    {
        RequireBinaries();
        return ProcessRunner.RunAsync(Path.Combine(BinDir!, "pg_ctl"), args, ct, _runAs);
    }

    private void RequireBinaries()
    {
        if (BinDir is null)
            throw new MusicPileException(
                "PostgreSQL server binaries not found (looked in $MUSICPILE_PG_BIN and /usr/lib/postgresql/*/bin): " +
                "install them with 'apt-get install -y postgresql', or pass --db CONNSTR for an external server");
    }

    private static string? FindBinDir()
    {
        var env = Environment.GetEnvironmentVariable("MUSICPILE_PG_BIN");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "initdb")))
            return env;
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
            return null;
        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    // The postgres user must be able to reach the data folder; a home under an unreachable folder (such as /root)
    // gets its cluster under /var/tmp instead, keyed by the home path.
    private static string ChooseClusterDir(MusicPileHome home, bool asOtherUser)
    {
        var preferred = home.PgDir;
        if (!asOtherUser || OthersCanTraverse(home.Root))
            return preferred;
        return Path.Combine("/var/tmp", "musicpile-pg-" + ShortHash(home.Root));
    }

    private static bool OthersCanTraverse(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists)
                continue;
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                return false;
        }
        return true;
    }

    // Unix socket paths are limited to about 107 bytes.
    private static string SocketDirFor(string clusterDir)
    {
        var dir = Path.Combine(clusterDir, "run");
        return dir.Length <= 80 ? dir : Path.Combine("/tmp", "musicpile-sock-" + ShortHash(clusterDir));
    }

    private static string ShortHash(string s) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..12];

    private static string Tail(string s) => s.Length <= 600 ? s : s[^600..];
}
