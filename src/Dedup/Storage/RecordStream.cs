namespace MusicPile.Dedup.Storage;

/// <summary>A forward-only stream of records, sorted where the producer says so.</summary>
internal abstract class RecordStream<T> : IAsyncDisposable where T : unmanaged
{
    public T Current { get; protected set; }

    public abstract ValueTask<bool> MoveNextAsync(CancellationToken ct);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static RecordStream<T> Empty { get; } = new ArrayRecordStream<T>([], 0);
}

/// <summary>Records held in memory (a sort buffer that never spilled).</summary>
internal sealed class ArrayRecordStream<T>(T[] items, int count) : RecordStream<T> where T : unmanaged
{
    private int _next;

    public override ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        if (_next >= count)
            return new ValueTask<bool>(false);
        Current = items[_next++];
        return new ValueTask<bool>(true);
    }
}
