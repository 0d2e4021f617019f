using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>What snapshot gc needs from the catalog: who still uses a snapshot, and removing its rows. All SQL for it is here.</summary>
public static class SnapshotRetentionCatalog
{
    /// <summary>An export or training run that names a snapshot.</summary>
    public sealed record Reference(string SnapshotId, string Kind, string Id);

    /// <summary>Every export and training run, by the snapshot it names.</summary>
    public static async Task<IReadOnlyList<Reference>> ReferencesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<Reference>(new CommandDefinition(
            """
            SELECT snapshot_id AS SnapshotId, 'export' AS Kind, id AS Id FROM exports
            UNION ALL
            SELECT snapshot_id, 'train_run', id::text FROM train_runs
            ORDER BY 1, 2, 3
            """, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Removes a snapshot's rows (documents, files, the snapshot) in one transaction.</summary>
    public static async Task DeleteAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var sql in new[]
        {
            "DELETE FROM snapshot_documents WHERE snapshot_id = @id",
            "DELETE FROM snapshot_files WHERE snapshot_id = @id",
            "DELETE FROM snapshots WHERE id = @id",
        })
            await conn.ExecuteAsync(new CommandDefinition(sql, new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
