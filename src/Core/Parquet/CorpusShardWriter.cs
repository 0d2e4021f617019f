using MusicPile.Core.Records;

namespace MusicPile.Core.Parquet;

/// <summary>
/// Writes corpus rows (<c>id, text, src, kind, sha256, source_uri, meta</c>) to one Parquet shard, streaming.
/// <code>await using var w = CorpusShardWriter.Create(path); await w.WriteAsync(rec, ct); await w.CompleteAsync(ct);</code>
/// </summary>
public sealed class CorpusShardWriter : ShardWriter<CorpusRecord>
{
    internal static readonly IReadOnlyList<ShardColumn<CorpusRecord>> Columns =
    [
        ShardColumn<CorpusRecord>.Int64("id", r => r.Id),
        ShardColumn<CorpusRecord>.Text("text", r => r.Text),
        ShardColumn<CorpusRecord>.Text("src", r => r.Src),
        ShardColumn<CorpusRecord>.Text("kind", r => r.Kind),
        ShardColumn<CorpusRecord>.Text("sha256", r => r.Sha256),
        ShardColumn<CorpusRecord>.Text("source_uri", r => r.SourceUri),
        ShardColumn<CorpusRecord>.Text("meta", r => r.Meta),
    ];

    private CorpusShardWriter(ShardTableWriter<CorpusRecord> table)
        : base(table)
    {
    }

    public static CorpusShardWriter Create(string path, ShardOptions? options = null) =>
        new(new ShardTableWriter<CorpusRecord>(path, Columns, options ?? ShardOptions.Default, r => 2L * (r.Text.Length + r.Meta.Length + r.SourceUri.Length) + 128));
}
