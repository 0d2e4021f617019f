namespace MusicPile.Dedup.Storage;

/// <summary>K-way merge of sorted streams with a priority queue; ties go to the lower input index, so the merge is deterministic.</summary>
internal sealed class MergeStream<T> : RecordStream<T> where T : unmanaged, IComparable<T>
{
    private readonly RecordStream<T>[] _inputs;
    private readonly PriorityQueue<int, (T Value, int Input)> _queue;
    private bool _started;

    public MergeStream(IReadOnlyList<RecordStream<T>> inputs)
    {
        _inputs = [.. inputs];
        _queue = new PriorityQueue<int, (T, int)>(Comparer<(T Value, int Input)>.Create(static (a, b) =>
        {
            var c = a.Value.CompareTo(b.Value);
            return c != 0 ? c : a.Input.CompareTo(b.Input);
        }));
    }

    public override async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        if (!_started)
        {
            _started = true;
            for (var i = 0; i < _inputs.Length; i++)
                if (await _inputs[i].MoveNextAsync(ct).ConfigureAwait(false))
                    _queue.Enqueue(i, (_inputs[i].Current, i));
        }
        if (!_queue.TryDequeue(out var input, out var top))
            return false;
        Current = top.Value;
        if (await _inputs[input].MoveNextAsync(ct).ConfigureAwait(false))
            _queue.Enqueue(input, (_inputs[input].Current, input));
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var input in _inputs)
            await input.DisposeAsync().ConfigureAwait(false);
    }
}
