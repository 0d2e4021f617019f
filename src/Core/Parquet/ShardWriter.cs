namespace MusicPile.Core.Parquet;

/// <summary>
/// A Parquet shard being written, one row group in memory at a time; the file takes its final name only in
/// <see cref="CompleteAsync"/>, and disposing an unfinished writer deletes it.
/// </summary>
public abstract class ShardWriter<TRow> : IAsyncDisposable
{
    private readonly ShardTableWriter<TRow> _table;

    private protected ShardWriter(ShardTableWriter<TRow> table) => _table = table;

    public long Rows => _table.Rows;

    public ValueTask WriteAsync(TRow row, CancellationToken ct) => _table.WriteAsync(row, ct);

    public Task CompleteAsync(CancellationToken ct) => _table.CompleteAsync(ct);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _table.DisposeAsync();
    }
}
