using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>PostgreSQL advisory locks, held by the session of the connection they are taken on.</summary>
public static class LockCatalog
{
    /// <summary>Takes the lock if no other session holds it; false when one does.</summary>
    public static Task<bool> TryLockAsync(NpgsqlConnection conn, long key, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: ct));

    /// <summary>Waits until the lock is free and takes it.</summary>
    public static Task LockAsync(NpgsqlConnection conn, long key, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key }, cancellationToken: ct));

    public static Task UnlockAsync(NpgsqlConnection conn, long key) =>
        conn.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key });
}
