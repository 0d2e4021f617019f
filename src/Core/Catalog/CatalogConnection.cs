using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>
/// The catalog database for one command: an external server from <c>--db</c>/<c>$MUSICPILE_DB</c>, or the embedded
/// cluster, started for the command and stopped at the end unless it was already running.
/// </summary>
public sealed class CatalogConnection : IAsyncDisposable
{
    private readonly Database.EmbeddedPostgres? _embedded;
    private readonly bool _stopOnDispose;

    private CatalogConnection(NpgsqlDataSource source, string description, Database.EmbeddedPostgres? embedded, bool stopOnDispose)
    {
        DataSource = source;
        Description = description;
        _embedded = embedded;
        _stopOnDispose = stopOnDispose;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Where the catalog lives, for messages (no password).</summary>
    public string Description { get; }

    public static async Task<CatalogConnection> OpenAsync(MusicPileHome home, string? connectionString, CancellationToken ct, bool migrate = true)
    {
        var conn = connectionString;
        if (string.IsNullOrWhiteSpace(conn))
            conn = Environment.GetEnvironmentVariable("MUSICPILE_DB");
        CatalogConnection result;
        if (!string.IsNullOrWhiteSpace(conn))
        {
            NpgsqlConnectionStringBuilder b;
            try
            {
                b = new NpgsqlConnectionStringBuilder(conn);
            }
            catch (ArgumentException e)
            {
                throw MusicPileException.Usage($"--db: not a PostgreSQL connection string: {e.Message}");
            }
            // Bulk work (COPY of millions of rows, commits that check them) has no client-side deadline unless the
            // connection string sets one: a slow disk makes a run slower, never a failed run.
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = conn };
            if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
                b.CommandTimeout = 0;
            result = new CatalogConnection(NpgsqlDataSource.Create(b), $"{b.Host}:{b.Port}/{b.Database}", null, false);
        }
        else
        {
            home.EnsureCreated();
            var pg = new Database.EmbeddedPostgres(home);
            var started = await pg.StartAsync(ct).ConfigureAwait(false);
            var b = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { CommandTimeout = 0 };
            result = new CatalogConnection(NpgsqlDataSource.Create(b), $"embedded {pg.DataDir}", pg, started);
        }
        if (migrate)
        {
            try
            {
                await Migrator.MigrateAsync(result.DataSource, ct).ConfigureAwait(false);
            }
            catch
            {
                await result.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        if (_stopOnDispose && _embedded is not null)
            await _embedded.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
