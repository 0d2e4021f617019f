using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace MusicPile.Core.Database;

/// <summary>
/// A private PostgreSQL cluster under <c>&lt;home&gt;/pg</c>, built from the machine's own server binaries and reached
/// on a Unix socket only. PostgreSQL refuses to run as root, so when the caller is root the cluster belongs to the
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

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDir,
        Port = Port,
        Username = "postgres",
        Database = DatabaseName,
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

    /// <summary>Initialises the cluster if needed and starts it. Returns true when this call started the server.</summary>
    public async Task<bool> StartAsync(CancellationToken ct)
    {
        RequireBinaries();
        using var gate = await FileGate.AcquireAsync(Path.Combine(Home.Root, ".pg-start.lock"), ct).ConfigureAwait(false);
        if (!IsInitialized)
            await InitAsync(ct).ConfigureAwait(false);
        if (await IsRunningAsync(ct).ConfigureAwait(false))
            return false;
        var r = await PgCtl(["start", "-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o", $"-k {SocketDir}"], ct).ConfigureAwait(false);
        if (r.ExitCode != 0)
            throw new MusicPileException($"PostgreSQL did not start (see {LogFile}): {Tail(r.Output)}");
        await EnsureDatabaseAsync(ct).ConfigureAwait(false);
        return true;
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

    private async Task InitAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_clusterDir);
        Directory.CreateDirectory(SocketDir);
        if (_runAs is not null)
        {
            var user = Posix.LookupUser(_runAs)
                ?? throw new MusicPileException("running as root needs a 'postgres' user to own the database: apt-get install -y postgresql");
            Posix.ChangeOwner(_clusterDir, user.Uid, user.Gid);
            Posix.ChangeOwner(SocketDir, user.Uid, user.Gid);
        }
        var r = await ProcessRunner.RunAsync(Path.Combine(BinDir!, "initdb"),
            ["-D", DataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], ct, _runAs).ConfigureAwait(false);
        if (r.ExitCode != 0)
            throw new MusicPileException($"initdb failed for {DataDir}: {Tail(r.Output)}");
        var conf = new StringBuilder()
            .AppendLine()
            .AppendLine("# MusicPile embedded cluster: Unix socket only")
            .AppendLine("listen_addresses = ''")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketDir}'")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 128MB")
            .ToString();
        var confPath = Path.Combine(DataDir, "postgresql.conf");
        if (_runAs is null)
            await File.AppendAllTextAsync(confPath, conf, ct).ConfigureAwait(false);
        else
            await ProcessRunner.RunAsync("sh", ["-c", $"cat >> '{confPath}' <<'EOF'\n{conf}EOF\n"], ct, _runAs).ConfigureAwait(false);
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
