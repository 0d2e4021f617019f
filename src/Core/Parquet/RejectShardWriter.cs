using MusicPile.Core.Records;

namespace MusicPile.Core.Parquet;

/// <summary>Writes rejected records (<c>src, source_uri, position, reason, detail, text</c>) to a Parquet shard.</summary>
public sealed class RejectShardWriter : IAsyncDisposable
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

    private readonly ShardTableWriter<RejectRecord> _table;

    private RejectShardWriter(ShardTableWriter<RejectRecord> table) => _table = table;

    public static RejectShardWriter Create(string path, ShardOptions? options = null) =>
        new(new ShardTableWriter<RejectRecord>(path, Columns, options ?? ShardOptions.Default, r => 2L * (r.Text.Length + r.Detail.Length + r.SourceUri.Length) + 128));

    public long Rows => _table.Rows;

    public ValueTask WriteAsync(RejectRecord record, CancellationToken ct) => _table.WriteAsync(record, ct);

    public Task CompleteAsync(CancellationToken ct) => _table.CompleteAsync(ct);

    public ValueTask DisposeAsync() => _table.DisposeAsync();
}
