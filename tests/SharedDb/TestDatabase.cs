using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Database;
using Npgsql;

namespace MusicPile.Testing;

/// <summary>
/// A real PostgreSQL for tests: <c>$MUSICPILE_TEST_DB</c> when set, else one embedded cluster per test process
/// (the same mechanism the command line uses). Each caller gets a fresh database of its own.
/// </summary>
internal static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnection;

    public static string ClusterHome { get; } = Path.Combine(Path.GetTempPath(), "musicpile-test-pg-" + Environment.ProcessId);

    /// <summary>Creates an empty, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, bool migrate = true)
    {
        var server = await ServerAsync().ConfigureAwait(false);
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        var conn = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        if (migrate)
        {
            await using var ds = NpgsqlDataSource.Create(conn);
            await Migrator.MigrateAsync(ds, CancellationToken.None).ConfigureAwait(false);
        }
        return conn;
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_serverConnection is not null)
                return _serverConnection;
            var external = Environment.GetEnvironmentVariable("MUSICPILE_TEST_DB");
            if (!string.IsNullOrEmpty(external))
                return _serverConnection = external;
            var home = new MusicPileHome(ClusterHome);
            home.EnsureCreated();
            var pg = new EmbeddedPostgres(home);
            await pg.StartAsync(CancellationToken.None).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    pg.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
                    Directory.Delete(ClusterHome, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or MusicPileException)
                {
                    // Best effort: a leftover folder in /tmp does no harm.
                }
            };
            return _serverConnection = pg.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
