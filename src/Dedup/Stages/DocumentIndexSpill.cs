using NpgsqlTypes;

namespace MusicPile.Dedup.Stages;

/// <summary>
/// The dedup stage's document index rows, spilled to a file while the shards are read and copied into the catalog
/// at commit, so memory does not grow with the corpus.
/// </summary>
internal sealed class DocumentIndexSpill : IDisposable
{
    private readonly string _path;
    private BinaryWriter? _writer;

    public DocumentIndexSpill(string path)
    {
        _path = path;
        _writer = new BinaryWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
    }

    public long Count { get; private set; }

    public void Add(long id, string sha256, string src, string kind, long row, bool kept)
    {
        _writer!.Write(id);
        _writer.Write(sha256);
        _writer.Write(src);
        _writer.Write(kind);
        _writer.Write(row);
        _writer.Write(kept);
        Count++;
    }

    public void Complete()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>Copies the rows into <c>documents</c>.</summary>
    public async Task CopyAsync(Npgsql.NpgsqlConnection conn, long runId, string shard, IReadOnlyDictionary<long, long> clusterOf, CancellationToken ct)
    {
        await using var docs = await conn.BeginBinaryImportAsync(
            "COPY documents (doc_id, run_id, sha256, source, kind, shard_path, row_index, status, cluster_id) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        using var reader = new BinaryReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        for (long i = 0; i < Count; i++)
        {
            var id = reader.ReadInt64();
            var sha = reader.ReadString();
            var src = reader.ReadString();
            var kind = reader.ReadString();
            var row = reader.ReadInt64();
            var kept = reader.ReadBoolean();
            await docs.StartRowAsync(ct).ConfigureAwait(false);
            await docs.WriteAsync(id, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await docs.WriteAsync(runId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await docs.WriteAsync(sha, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(src, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(kind, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(shard, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await docs.WriteAsync(row, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await docs.WriteAsync(kept ? "kept" : "duplicate", NpgsqlDbType.Text, ct).ConfigureAwait(false);
            if (clusterOf.TryGetValue(id, out var cid))
                await docs.WriteAsync(cid, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            else
                await docs.WriteNullAsync(ct).ConfigureAwait(false);
        }
        await docs.CompleteAsync(ct).ConfigureAwait(false);
    }

    public void Dispose() => _writer?.Dispose();
}
