using Dapper;
using Npgsql;

namespace MusicPile.Tokenize;

/// <summary>Exports in the catalog: all SQL for them is here.</summary>
internal static class ExportCatalog
{
    /// <summary>Records an export (or updates where its files are) with its options and manifest as JSON.</summary>
    public static async Task UpsertAsync(NpgsqlDataSource db, SnapshotExporter.ExportRow row, string optionsJson, string manifestJson, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO exports (id, snapshot_id, tokenizer, vocab_hash, format, options, out_dir, tokens, manifest)
            VALUES (@Id, @SnapshotId, @Tokenizer, @VocabHash, @Format, @optionsJson::jsonb, @OutDir, @Tokens, @manifestJson::jsonb)
            ON CONFLICT (id) DO UPDATE SET out_dir = EXCLUDED.out_dir, tokens = EXCLUDED.tokens, manifest = EXCLUDED.manifest
            """, new { row.Id, row.SnapshotId, row.Tokenizer, row.VocabHash, row.Format, row.OutDir, row.Tokens, optionsJson, manifestJson },
            cancellationToken: ct)).ConfigureAwait(false);
    }

    public static async Task<SnapshotExporter.ExportRow?> GetAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<SnapshotExporter.ExportRow>(new CommandDefinition(
            """
            SELECT id AS Id, snapshot_id AS SnapshotId, tokenizer AS Tokenizer, vocab_hash AS VocabHash, format AS Format, out_dir AS OutDir, tokens AS Tokens
            FROM exports WHERE id = @id
            """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
