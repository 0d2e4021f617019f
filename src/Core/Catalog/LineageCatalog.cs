using System.Text.Json.Serialization;
using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>
/// Lineage queries: which snapshots, exports, training runs and checkpoints hold a document or a raw file, and which
/// sources and raw files are behind a snapshot or an export. All SQL for them is here.
/// </summary>
public static class LineageCatalog
{
    public sealed record SnapshotRef(string Id, DateTime Created, long Documents, long Matching);

    public sealed record ExportRef(string Id, string SnapshotId, string Tokenizer, string Format, string OutDir, long Tokens, DateTime Created,
        [property: JsonIgnore] string SrcList)
    {
        /// <summary>The <c>src</c> values of the documents the export took (from its manifest).</summary>
        public IReadOnlyList<string> Srcs => SrcList.Split('\t', StringSplitOptions.RemoveEmptyEntries);
    }

    public sealed record TrainRunRef(long Id, string SnapshotId, string ExportId, string Device, string Status, DateTime StartedAt);

    public sealed record CheckpointRef(long TrainRunId, int Step, string Path);

    public sealed record SourceRef(string Name, string Licence, long Documents);

    public sealed record FileRef(string Path, string? Source, string? Sha256, string? Status, long Documents);

    /// <summary>What a lineage query starts from: documents with a content hash, or documents read from a raw file.</summary>
    public enum Match
    {
        Document,
        File,
    }

    private const string ExportColumns = """
        e.id AS Id, e.snapshot_id AS SnapshotId, e.tokenizer AS Tokenizer, e.format AS Format, e.out_dir AS OutDir, e.tokens AS Tokens,
        e.created_at AS Created,
        array_to_string(ARRAY(SELECT x->>'source' FROM jsonb_array_elements(COALESCE(e.manifest->'sources', '[]'::jsonb)) x
              WHERE COALESCE((x->>'input_documents')::bigint, 0) > 0), E'\t') AS SrcList
        """;

    private static string Condition(Match match) => match == Match.Document ? "sd.sha256 = @value" : "sd.source_path = @value";

    /// <summary>Snapshots holding the matching documents, oldest first.</summary>
    public static async Task<IReadOnlyList<SnapshotRef>> SnapshotsAsync(NpgsqlDataSource db, Match match, string value, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<SnapshotRef>(new CommandDefinition(
            $"""
            SELECT s.id AS Id, s.created_at AS Created, s.documents AS Documents, count(*) AS Matching
            FROM snapshot_documents sd JOIN snapshots s ON s.id = sd.snapshot_id
            WHERE {Condition(match)}
            GROUP BY s.id, s.created_at, s.documents ORDER BY s.created_at, s.id
            """, new { value }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Exports of those snapshots that took the matching documents' <c>src</c> (exports of one kind list fewer).</summary>
    public static async Task<IReadOnlyList<ExportRef>> ExportsAsync(NpgsqlDataSource db, Match match, string value, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<ExportRef>(new CommandDefinition(
            $"""
            SELECT {ExportColumns} FROM exports e
            WHERE EXISTS (
                SELECT 1 FROM snapshot_documents sd WHERE sd.snapshot_id = e.snapshot_id AND {Condition(match)}
                AND EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(e.manifest->'sources', '[]'::jsonb)) x
                            WHERE x->>'source' = sd.src AND COALESCE((x->>'input_documents')::bigint, 0) > 0))
            ORDER BY e.created_at, e.id
            """, new { value }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public static async Task<ExportRef?> ExportAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<ExportRef>(new CommandDefinition(
            $"SELECT {ExportColumns} FROM exports e WHERE e.id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>Training runs on any of the snapshots or exports.</summary>
    public static async Task<IReadOnlyList<TrainRunRef>> TrainRunsAsync(NpgsqlDataSource db, IReadOnlyList<string> snapshotIds, IReadOnlyList<string> exportIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<TrainRunRef>(new CommandDefinition(
            """
            SELECT id AS Id, snapshot_id AS SnapshotId, export_id AS ExportId, device AS Device, status AS Status, started_at AS StartedAt
            FROM train_runs WHERE snapshot_id = ANY(@snapshotIds) OR export_id = ANY(@exportIds) ORDER BY id
            """, new { snapshotIds = snapshotIds.ToArray(), exportIds = exportIds.ToArray() }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public static async Task<TrainRunRef?> TrainRunAsync(NpgsqlDataSource db, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<TrainRunRef>(new CommandDefinition(
            """
            SELECT id AS Id, snapshot_id AS SnapshotId, export_id AS ExportId, device AS Device, status AS Status, started_at AS StartedAt
            FROM train_runs WHERE id = @id
            """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<CheckpointRef>> CheckpointsAsync(NpgsqlDataSource db, IReadOnlyList<long> trainRunIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<CheckpointRef>(new CommandDefinition(
            "SELECT train_run_id AS TrainRunId, step AS Step, path AS Path FROM checkpoints WHERE train_run_id = ANY(@ids) ORDER BY train_run_id, step",
            new { ids = trainRunIds.ToArray() }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>The checkpoint recorded at <paramref name="path"/>, if the catalog has it.</summary>
    public static async Task<CheckpointRef?> CheckpointAsync(NpgsqlDataSource db, string path, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<CheckpointRef>(new CommandDefinition(
            "SELECT train_run_id AS TrainRunId, step AS Step, path AS Path FROM checkpoints WHERE path = @path ORDER BY train_run_id DESC LIMIT 1",
            new { path }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public static async Task<SnapshotRef?> SnapshotAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<SnapshotRef>(new CommandDefinition(
            "SELECT id AS Id, created_at AS Created, documents AS Documents, documents AS Matching FROM snapshots WHERE id = @id",
            new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>Sources behind a snapshot's documents (only those of <paramref name="srcs"/> when any are given), with licences.</summary>
    public static async Task<IReadOnlyList<SourceRef>> SourcesAsync(NpgsqlDataSource db, string snapshotId, IReadOnlyList<string> srcs, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<SourceRef>(new CommandDefinition(
            """
            SELECT so.name AS Name, so.licence AS Licence, count(DISTINCT sd.doc_id) AS Documents
            FROM snapshot_documents sd
            JOIN source_files f ON f.path = sd.source_path
            JOIN sources so ON so.id = f.source_id
            WHERE sd.snapshot_id = @snapshotId AND (cardinality(@srcs) = 0 OR sd.src = ANY(@srcs))
            GROUP BY so.name, so.licence ORDER BY so.name
            """, new { snapshotId, srcs = srcs.ToArray() }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Raw files behind a snapshot's documents, with their source and the fingerprint the catalog has of them.</summary>
    public static async Task<IReadOnlyList<FileRef>> FilesAsync(NpgsqlDataSource db, string snapshotId, IReadOnlyList<string> srcs, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<FileRef>(new CommandDefinition(
            """
            SELECT sd.source_path AS Path, min(so.name) AS Source, min(f.sha256) AS Sha256, min(f.status) AS Status, count(DISTINCT sd.doc_id) AS Documents
            FROM snapshot_documents sd
            LEFT JOIN source_files f ON f.path = sd.source_path
            LEFT JOIN sources so ON so.id = f.source_id
            WHERE sd.snapshot_id = @snapshotId AND (cardinality(@srcs) = 0 OR sd.src = ANY(@srcs))
            GROUP BY sd.source_path ORDER BY sd.source_path
            """, new { snapshotId, srcs = srcs.ToArray() }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }
}
