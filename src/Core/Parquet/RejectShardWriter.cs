using MusicPile.Core.Records;

namespace MusicPile.Core.Parquet;

/// <summary>Writes rejected records (<c>src, source_uri, position, reason, detail, text</c>) to a Parquet shard.</summary>
public sealed class RejectShardWriter : ShardWriter<RejectRecord>
{
    internal static readonly IReadOnlyList<ShardColumn<RejectRecord>> Columns =
    [
        ShardColumn<RejectRecord>.Text("src", r => r.Source),
        ShardColumn<RejectRecord>.Text("source_uri", r => r.SourceUri),
        ShardColumn<RejectRecord>.Text("position", r => r.Position),
        ShardColumn<RejectRecord>.Text("reason", r => r.Reason),
        ShardColumn<RejectRecord>.Text("detail", r => r.Detail),
        ShardColumn<RejectRecord>.Text("text", r => r.Text),
    ];

    private RejectShardWriter(ShardTableWriter<RejectRecord> table)
        : base(table)
    {
    }

    public static RejectShardWriter Create(string path, ShardOptions? options = null) =>
        new(new ShardTableWriter<RejectRecord>(path, Columns, options ?? ShardOptions.Default, r => 2L * (r.Text.Length + r.Detail.Length + r.SourceUri.Length) + 128));
}
