using MusicPile.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace MusicPile.Dedup.Stages;

/// <summary>What the dedup stage records in the catalog: its clusters and the document index. All SQL for them is here.</summary>
internal static class DedupCatalog
{
    /// <summary>A document's status in the index: kept in the run's output.</summary>
    public const string Kept = "kept";

    /// <summary>A document's status in the index: removed as a duplicate of its cluster's representative.</summary>
    public const string Duplicate = "duplicate";

    public static async Task WriteClustersAsync(NpgsqlConnection conn, long runId, IEnumerable<DedupCluster> clusters, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY dedup_clusters (run_id, cluster_id, method, representative, members, similarity) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        foreach (var c in clusters)
        {
            await copy.StartRowAsync(ct).ConfigureAwait(false);
            await copy.WriteAsync(runId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(c.ClusterId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(c.Method.Code(), NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await copy.WriteAsync(c.Representative, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(c.Members.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await copy.WriteAsync(c.Similarity, NpgsqlDbType.Double, ct).ConfigureAwait(false);
        }
        await copy.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Copies the run's document index rows into <c>documents</c>, each with its cluster when it has one.</summary>
    public static async Task WriteDocumentsAsync(NpgsqlConnection conn, long runId, string shard, IEnumerable<DocumentIndexRow> rows,
        IReadOnlyDictionary<long, long> clusterOf, CancellationToken ct)
    {
        await using var docs = await conn.BeginBinaryImportAsync(
            "COPY documents (doc_id, run_id, sha256, source, kind, shard_path, row_index, status, cluster_id) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        foreach (var d in rows)
        {
            await docs.StartRowAsync(ct).ConfigureAwait(false);
            await docs.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await docs.WriteAsync(runId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await docs.WriteAsync(d.Sha256, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(d.Src, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(d.Kind, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(shard, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(d.Row, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await docs.WriteAsync(d.Kept ? Kept : Duplicate, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            if (clusterOf.TryGetValue(d.Id, out var cid))
                await docs.WriteAsync(cid, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            else
                await docs.WriteNullAsync(ct).ConfigureAwait(false);
        }
        await docs.CompleteAsync(ct).ConfigureAwait(false);
    }
}
