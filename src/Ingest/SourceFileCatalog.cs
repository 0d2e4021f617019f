using Dapper;
using MusicPile.Core.Pipelines;
using Npgsql;

namespace MusicPile.Ingest;

/// <summary>Sources and their file fingerprints in the catalog: what incremental ingest compares against.</summary>
internal static class SourceFileCatalog
{
    /// <summary>A file's status: seen in the source at its last run.</summary>
    public const string Present = "present";

    /// <summary>A file's status: gone from the source.</summary>
    public const string Deleted = "deleted";

    /// <summary>A file as the catalog knows it; <paramref name="Pooled"/>: the run that last read it registered its documents.</summary>
    public sealed record KnownFile(long SourceId, string Path, long SizeBytes, DateTime Mtime, string Sha256, string Status, string? Producer, bool Pooled);

    public static async Task<long> UpsertSourceAsync(NpgsqlConnection conn, SourceDefinition s, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO sources (name, kind, licence, paths, options) VALUES (@Name, @Kind, @Licence, @Paths::jsonb, @Options::jsonb)
            ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, licence = EXCLUDED.licence, paths = EXCLUDED.paths, options = EXCLUDED.options
            RETURNING id
            """, new
            {
                s.Name, s.Kind, s.Licence,
                Paths = System.Text.Json.JsonSerializer.Serialize(s.Paths),
                Options = System.Text.Json.JsonSerializer.Serialize(s.Options.Values),
            }, cancellationToken: ct)).ConfigureAwait(false);

    public static async Task<IReadOnlyList<KnownFile>> FilesAsync(NpgsqlConnection conn, long sourceId, CancellationToken ct) =>
        (await conn.QueryAsync<KnownFile>(new CommandDefinition(
            """
            SELECT source_id AS SourceId, path AS Path, size_bytes AS SizeBytes, mtime AS Mtime, sha256 AS Sha256, status AS Status,
                   producer AS Producer, EXISTS (SELECT 1 FROM pool_runs p WHERE p.run_id = f.last_run_id) AS Pooled
            FROM source_files f WHERE source_id = @sourceId
            """,
            new { sourceId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();

    public static Task RecordIngestedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long sourceId, SourceFile f, long runId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO source_files (source_id, path, size_bytes, mtime, sha256, status, first_run_id, last_run_id, producer)
            VALUES (@sourceId, @Path, @SizeBytes, @MtimeUtc, @Sha256, @Present, @runId, @runId, @Producer)
            ON CONFLICT (source_id, path) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, mtime = EXCLUDED.mtime,
                sha256 = EXCLUDED.sha256, status = @Present, last_run_id = EXCLUDED.last_run_id, producer = EXCLUDED.producer, updated_at = now()
            """, new { sourceId, f.Path, f.SizeBytes, f.MtimeUtc, f.Sha256, runId, f.Producer, Present }, tx, cancellationToken: ct));

    public static Task RecordDeletedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DeletedFile d, long runId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE source_files SET status = @Deleted, last_run_id = @runId, updated_at = now() WHERE source_id = @SourceId AND path = @Path",
            new { d.SourceId, d.Path, runId, Deleted }, tx, cancellationToken: ct));
}
