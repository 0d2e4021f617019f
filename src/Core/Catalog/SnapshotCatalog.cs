using System.Text.Json;
using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>Snapshots and their files in the catalog: all SQL for them is here.</summary>
public static class SnapshotCatalog
{
    public sealed record SnapshotRow(string Id, string? Parent, long? RunId, string ConfigHash, string CodeVersion, string ManifestSha256,
        long Documents, string Counts, DateTime CreatedAt, string? IndexDir);

    public sealed record SnapshotFileRow(string Path, string Source, string Sha256, long Rows, long SizeBytes);

    private const string Columns = """
        id AS Id, parent AS Parent, run_id AS RunId, config_hash AS ConfigHash, code_version AS CodeVersion,
        manifest_sha256 AS ManifestSha256, documents AS Documents, counts::text AS Counts, created_at AS CreatedAt, index_dir AS IndexDir
        """;

    public static async Task<SnapshotRow?> LatestAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<SnapshotRow>(new CommandDefinition(
            $"SELECT {Columns} FROM snapshots ORDER BY created_at DESC, id DESC LIMIT 1", cancellationToken: ct)).ConfigureAwait(false);
    }

    public static async Task<string?> LatestIndexDirAsync(NpgsqlDataSource db, CancellationToken ct) =>
        (await LatestAsync(db, ct).ConfigureAwait(false))?.IndexDir;

    /// <summary>
    /// The snapshot a run published: the one it made, or for a run whose data matched an existing snapshot (nothing
    /// new to publish), the latest; null when no run published a snapshot yet.
    /// </summary>
    public static async Task<string?> OfRunAsync(NpgsqlDataSource db, long runId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT id FROM snapshots WHERE run_id = @runId ORDER BY created_at DESC LIMIT 1", new { runId }, cancellationToken: ct)).ConfigureAwait(false)
            ?? (await LatestAsync(db, ct).ConfigureAwait(false))?.Id;
    }

    public static async Task<SnapshotRow?> GetAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<SnapshotRow>(new CommandDefinition(
            $"SELECT {Columns} FROM snapshots WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>A snapshot by id, or the latest for <c>latest</c>; a usage error when there is none.</summary>
    public static async Task<SnapshotRow> ResolveAsync(NpgsqlDataSource db, string idOrLatest, CancellationToken ct) =>
        (idOrLatest == "latest" ? await LatestAsync(db, ct).ConfigureAwait(false) : await GetAsync(db, idOrLatest, ct).ConfigureAwait(false))
        ?? throw MusicPileException.Usage(idOrLatest == "latest" ? "there are no snapshots yet: run a pipeline with a publish stage" : $"no snapshot '{idOrLatest}'");

    public static async Task<IReadOnlyList<SnapshotRow>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<SnapshotRow>(new CommandDefinition(
            $"SELECT {Columns} FROM snapshots ORDER BY created_at, id", cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public static async Task<IReadOnlyList<SnapshotFileRow>> FilesAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<SnapshotFileRow>(new CommandDefinition(
            "SELECT path AS Path, source AS Source, sha256 AS Sha256, rows AS Rows, size_bytes AS SizeBytes FROM snapshot_files WHERE snapshot_id = @id ORDER BY path",
            new { id }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Records a published snapshot and its files; called inside the publishing task's commit.</summary>
    public static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SnapshotRow s, string manifestJson,
        IEnumerable<SnapshotFileRow> files, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO snapshots (id, parent, run_id, config_hash, code_version, manifest_sha256, documents, counts, index_dir, manifest)
            VALUES (@Id, @Parent, @RunId, @ConfigHash, @CodeVersion, @ManifestSha256, @Documents, @Counts::jsonb, @IndexDir, @manifestJson::jsonb)
            """, new { s.Id, s.Parent, s.RunId, s.ConfigHash, s.CodeVersion, s.ManifestSha256, s.Documents, s.Counts, s.IndexDir, manifestJson },
            tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var f in files)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO snapshot_files (snapshot_id, path, source, sha256, rows, size_bytes) VALUES (@id, @Path, @Source, @Sha256, @Rows, @SizeBytes)",
                new { id = s.Id, f.Path, f.Source, f.Sha256, f.Rows, f.SizeBytes }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    public static IReadOnlyDictionary<string, JsonElement> ParseCounts(string counts) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(counts) ?? [];
}
