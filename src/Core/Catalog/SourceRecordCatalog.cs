using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace MusicPile.Core.Catalog;

/// <summary>
/// The records of each present source file (table <c>source_records</c>): which the next run of an edited file can
/// skip, and which run made their documents. All SQL for them is here.
/// </summary>
public static class SourceRecordCatalog
{
    /// <summary>One record of a file: its id, its position among the file's records, and where its documents are.</summary>
    public sealed record RecordRow(long RecordId, int Ordinal, long RunId, string SourceUri);

    /// <summary>The records of one file as the catalog knows them.</summary>
    public static async Task<IReadOnlyList<RecordRow>> OfFileAsync(NpgsqlDataSource db, long sourceId, string path, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await conn.QueryAsync<RecordRow>(new CommandDefinition(
            """
            SELECT record_id AS RecordId, ordinal AS Ordinal, run_id AS RunId, source_uri AS SourceUri
            FROM source_records WHERE source_id = @sourceId AND path = @path
            """, new { sourceId, path }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Replaces the records of one file; called inside the ingesting task's commit.</summary>
    public static async Task ReplaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long sourceId, string path, IReadOnlyList<RecordRow> rows, CancellationToken ct)
    {
        await DeleteFileAsync(conn, tx, sourceId, path, ct).ConfigureAwait(false);
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY source_records (source_id, path, record_id, ordinal, run_id, source_uri) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(ct).ConfigureAwait(false);
            await copy.WriteAsync(sourceId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(path, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.RecordId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.Ordinal, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.RunId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(r.SourceUri, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        }
        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Forgets the records of a file that is gone; called inside the ingesting task's commit.</summary>
    public static Task DeleteFileAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long sourceId, string path, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM source_records WHERE source_id = @sourceId AND path = @path", new { sourceId, path }, tx, cancellationToken: ct));
}
