using MusicPile.Core.Parquet;
using MusicPile.Core.Records;

namespace MusicPile.Dedup.Stages;

/// <summary>
/// The shards pool documents are read from, a few open at a time (least recently used closed first). Documents are
/// asked for file by file, and each file's documents sit together in one or two shards, so few stay open.
/// </summary>
internal sealed class PoolShards(int maxOpen = 16) : IAsyncDisposable
{
    private readonly Dictionary<string, (CorpusShardRows Rows, long Used)> _open = new(StringComparer.Ordinal);
    private long _clock;

    public async ValueTask<CorpusRecord> ReadAsync(string shard, long row, CancellationToken ct)
    {
        if (!_open.TryGetValue(shard, out var entry))
        {
            if (_open.Count >= maxOpen)
            {
                var oldest = _open.MinBy(kv => kv.Value.Used);
                await oldest.Value.Rows.DisposeAsync().ConfigureAwait(false);
                _open.Remove(oldest.Key);
            }
            if (!File.Exists(shard))
                throw new FileNotFoundException($"pool shard {shard} is missing: the run folder that holds it was removed", shard);
            entry = (await CorpusShardRows.OpenAsync(shard, ct).ConfigureAwait(false), 0);
        }
        _open[shard] = (entry.Rows, ++_clock);
        return await entry.Rows.ReadAsync(row, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (rows, _) in _open.Values)
            await rows.DisposeAsync().ConfigureAwait(false);
        _open.Clear();
    }
}
