using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace MusicPile.Core.Catalog;

/// <summary>
/// The pool (table <c>record_documents</c>): the normalised documents each run made from the records it read. The
/// live documents of a pipeline are those of the records its sources' present files hold today. All SQL for it is here.
/// </summary>
public static class DocumentPoolCatalog
{
    /// <summary>A document a run made: the record it came from (by its source_uri in that run) and where it is stored.</summary>
    public sealed record NewDocument(string SourceUri, int Copy, string ShardPath, long RowIndex, long DocId, string Sha256);

    /// <summary>A live document: where it is stored, which run made it, and whether a takedown covers it.</summary>
    public sealed record LiveDocument(string ShardPath, long RowIndex, long RunId, bool TakenDown);

    /// <summary>Registers the documents run <paramref name="runId"/> made, replacing any registered by an earlier attempt.</summary>
    public static async Task RegisterAsync(NpgsqlDataSource db, long runId, IAsyncEnumerable<NewDocument> documents, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM record_documents WHERE run_id = @runId", new { runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY record_documents (run_id, source_uri, copy, shard_path, row_index, doc_id, sha256) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            await foreach (var d in documents.WithCancellation(ct).ConfigureAwait(false))
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(runId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(d.SourceUri, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(d.Copy, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(d.ShardPath, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(d.RowIndex, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(d.DocId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(d.Sha256, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            }
            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Documents run <paramref name="runId"/> made that no record read by that run explains (a broken hand-off).</summary>
    public static async Task<long> UnexplainedAsync(NpgsqlDataSource db, long runId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT count(*) FROM record_documents d WHERE d.run_id = @runId
            AND NOT EXISTS (SELECT 1 FROM source_records r WHERE r.run_id = d.run_id AND r.source_uri = d.source_uri)
            """, new { runId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// The live documents of the named sources in the one order every run uses: source name, file path, the record's
    /// position in its file today, then the document's order among its record's documents. Streamed.
    /// </summary>
    public static async IAsyncEnumerable<LiveDocument> LiveAsync(NpgsqlDataSource db, IReadOnlyList<string> sources,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(
            """
            SELECT d.shard_path, d.row_index, d.run_id,
                   EXISTS (SELECT 1 FROM takedowns t WHERE t.source_id = r.source_id OR t.path = r.path)
                   OR EXISTS (SELECT 1 FROM takedown_documents td WHERE td.sha256 = d.sha256) AS taken_down
            FROM source_records r
            JOIN sources s ON s.id = r.source_id
            JOIN record_documents d ON d.run_id = r.run_id AND d.source_uri = r.source_uri
            WHERE s.name = ANY(@sources)
            ORDER BY s.name COLLATE "C", r.path COLLATE "C", r.ordinal, d.copy
            """, conn);
        cmd.Parameters.AddWithValue("sources", sources.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            yield return new LiveDocument(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3));
    }

    /// <summary>
    /// Marks the run's documents as pooled and forgets documents no present record points at any more; called inside
    /// the dedup task's commit.
    /// </summary>
    public static async Task MarkPooledAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long runId, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO pool_runs (run_id) VALUES (@runId) ON CONFLICT DO NOTHING", new { runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM record_documents d WHERE d.run_id IN (SELECT run_id FROM pool_runs)
            AND NOT EXISTS (SELECT 1 FROM source_records r WHERE r.run_id = d.run_id AND r.source_uri = d.source_uri)
            """, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
    }
}
