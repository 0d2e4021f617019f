namespace MusicPile.Dedup.Storage;

/// <summary>Maps each record of a source stream, dropping those the map rejects. Order is kept.</summary>
internal sealed class MappedStream<TIn, TOut>(RecordStream<TIn> source, Func<TIn, TOut?> map) : RecordStream<TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    public override async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        while (await source.MoveNextAsync(ct).ConfigureAwait(false))
        {
            if (map(source.Current) is { } mapped)
            {
                Current = mapped;
                return true;
            }
        }
        return false;
    }

    public override ValueTask DisposeAsync() => source.DisposeAsync();
}

/// <summary>
/// Splits a stream sorted by a group number into one stream per group, read one after another:
/// <see cref="NextGroup"/> moves to the following group number.
/// </summary>
internal sealed class GroupedStream<T>(RecordStream<T> source, Func<T, int> groupOf) : RecordStream<T> where T : unmanaged
{
    private bool _started;
    private bool _pending;
    private T _held;

    public int Group { get; private set; }

    public void NextGroup() => Group++;

    public override async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        if (!_started)
        {
            _started = true;
            _pending = await source.MoveNextAsync(ct).ConfigureAwait(false);
            _held = source.Current;
        }
        if (!_pending || groupOf(_held) != Group)
            return false;
        Current = _held;
        _pending = await source.MoveNextAsync(ct).ConfigureAwait(false);
        _held = source.Current;
        return true;
    }

    public override ValueTask DisposeAsync() => source.DisposeAsync();
}
