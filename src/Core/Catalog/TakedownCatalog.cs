using Dapper;
using Npgsql;

namespace MusicPile.Core.Catalog;

/// <summary>Takedowns and the content hashes they cover (tables <c>takedowns</c>, <c>takedown_documents</c>): all SQL for them is here.</summary>
public static class TakedownCatalog
{
    /// <summary>What a takedown names.</summary>
    public static class Kinds
    {
        public const string Source = "source";
        public const string File = "file";
        public const string Document = "document";
    }

    /// <summary>One recorded takedown and how many content hashes it covers.</summary>
    public sealed record TakedownRow(long Id, string Kind, string Target, string Reason, string CreatedBy, DateTime CreatedAt, long Documents);

    public static async Task<long?> SourceIdAsync(NpgsqlDataSource db, string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM sources WHERE name = @name", new { name }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>True when some source has (or had) a file at <paramref name="path"/>.</summary>
    public static async Task<bool> FileKnownAsync(NpgsqlDataSource db, string path, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM source_files WHERE path = @path)", new { path }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>True when a document with this content hash was ever made by a run or published.</summary>
    public static async Task<bool> DocumentKnownAsync(NpgsqlDataSource db, string sha256, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM record_documents WHERE sha256 = @sha256)
                OR EXISTS (SELECT 1 FROM snapshot_documents WHERE sha256 = @sha256)
            """, new { sha256 }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a takedown and the content hashes it covers now: for a source or a file, every document of its
    /// present records and every published document read from it; for a document, its hash.
    /// </summary>
    public static async Task<TakedownRow> RecordAsync(NpgsqlDataSource db, string kind, string target, long? sourceId, string? path,
        string reason, string createdBy, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO takedowns (kind, target, source_id, path, reason, created_by)
            VALUES (@kind, @target, @sourceId, @path, @reason, @createdBy) RETURNING id
            """, new { kind, target, sourceId, path, reason, createdBy }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var sql = kind switch
        {
            Kinds.Document => "INSERT INTO takedown_documents (takedown_id, sha256) VALUES (@id, @target)",
            _ => """
                INSERT INTO takedown_documents (takedown_id, sha256)
                SELECT @id, d.sha256 FROM source_records r
                JOIN record_documents d ON d.run_id = r.run_id AND d.source_uri = r.source_uri
                WHERE r.source_id = @sourceId OR r.path = @path
                UNION
                SELECT @id, sd.sha256 FROM snapshot_documents sd
                WHERE sd.source_path = @path
                   OR sd.source_path IN (SELECT f.path FROM source_files f WHERE f.source_id = @sourceId)
                ON CONFLICT DO NOTHING
                """,
        };
        var documents = await conn.ExecuteAsync(new CommandDefinition(sql, new { id, target, sourceId, path }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var row = await conn.QueryFirstAsync<TakedownRow>(new CommandDefinition(
            """
            SELECT id AS Id, kind AS Kind, target AS Target, reason AS Reason, created_by AS CreatedBy, created_at AS CreatedAt, @documents::bigint AS Documents
            FROM takedowns WHERE id = @id
            """, new { id, documents = (long)documents }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return row;
    }

    /// <summary>Every content hash any takedown covers.</summary>
    public static async Task<IReadOnlySet<string>> ShasAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT sha256 FROM takedown_documents", cancellationToken: ct)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<IReadOnlyList<TakedownRow>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<TakedownRow>(new CommandDefinition(
            """
            SELECT t.id AS Id, t.kind AS Kind, t.target AS Target, t.reason AS Reason, t.created_by AS CreatedBy, t.created_at AS CreatedAt,
                   (SELECT count(*) FROM takedown_documents d WHERE d.takedown_id = t.id) AS Documents
            FROM takedowns t ORDER BY t.id
            """, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }
}
