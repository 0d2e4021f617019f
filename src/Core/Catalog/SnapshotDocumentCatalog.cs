using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace MusicPile.Core.Catalog;

/// <summary>Which documents each snapshot holds (table <c>snapshot_documents</c>): all SQL for them is here.</summary>
public static class SnapshotDocumentCatalog
{
    /// <summary>One document of a snapshot: the snapshot file holding it and the raw file it was read from.</summary>
    public sealed record Row(long DocId, string Sha256, string Src, string Kind, string File, string SourcePath);

    public static async Task<IReadOnlyList<Row>> OfSnapshotAsync(NpgsqlDataSource db, string snapshotId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT doc_id AS DocId, sha256 AS Sha256, src AS Src, kind AS Kind, file AS File, source_path AS SourcePath
            FROM snapshot_documents WHERE snapshot_id = @snapshotId
            """, new { snapshotId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Records the documents of a snapshot; called inside the publishing task's commit.</summary>
    public static async Task InsertAsync(NpgsqlConnection conn, string snapshotId, IEnumerable<Row> rows, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY snapshot_documents (snapshot_id, doc_id, sha256, src, kind, file, source_path) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(ct).ConfigureAwait(false);
            await copy.WriteAsync(snapshotId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.DocId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Sha256, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Src, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Kind, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.File, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.SourcePath, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        }
        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The raw file a document was read from: its <c>source_uri</c> up to the position.</summary>
    public static string SourcePathOf(string sourceUri)
    {
        var hash = sourceUri.LastIndexOf('#');
        return hash < 0 ? sourceUri : sourceUri[..hash];
    }
}
