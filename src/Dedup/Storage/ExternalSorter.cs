using System.Runtime.InteropServices;

namespace MusicPile.Dedup.Storage;

/// <summary>
/// Sorts more records than fit in memory: a buffer of at most <c>budgetBytes</c> is sorted and spilled as a run
/// file when full; <see cref="SortAsync"/> merges the runs (in passes of at most fan-in runs). When nothing was
/// spilled the buffer is sorted and streamed from memory. Records must compare as a total order, so the
/// output does not depend on the sort algorithm.
/// </summary>
internal sealed class ExternalSorter<T> : IAsyncDisposable where T : unmanaged, IComparable<T>
{
    private readonly string _directory;
    private readonly string _name;
    private readonly int _fanIn;
    private readonly int _readBufferBytes;
    private readonly SortStats _stats;
    private readonly List<string> _runs = [];
    private T[] _buffer;
    private readonly int _capacity;
    private int _count;
    private int _nextRunNumber;

    public ExternalSorter(string directory, string name, long budgetBytes, int fanIn, SortStats stats)
    {
        _directory = directory;
        _name = name;
        _fanIn = fanIn;
        _stats = stats;
        var size = Marshal.SizeOf<T>();
        _capacity = (int)Math.Clamp(budgetBytes / size, 16, Array.MaxLength / 2);
        _buffer = new T[Math.Min(_capacity, 4096)];
        _readBufferBytes = (int)Math.Clamp(budgetBytes / (2L * fanIn), 4 << 10, 1 << 20);
    }

    public long Count { get; private set; }

    public ValueTask AddAsync(T record, CancellationToken ct)
    {
        if (_count == _buffer.Length)
        {
            if (_buffer.Length < _capacity)
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _capacity));
            else
                return SpillThenAddAsync(record, ct);
        }
        _buffer[_count++] = record;
        Count++;
        return ValueTask.CompletedTask;
    }

    /// <summary>All records added, in order. The sorter must not be added to afterwards.</summary>
    public async Task<RecordStream<T>> SortAsync(CancellationToken ct)
    {
        if (_runs.Count == 0)
        {
            Array.Sort(_buffer, 0, _count);
            return new ArrayRecordStream<T>(_buffer, _count);
        }
        if (_count > 0)
            await SpillAsync(ct).ConfigureAwait(false);
        _buffer = [];
        var runs = new List<string>(_runs);
        while (runs.Count > _fanIn)
        {
            _stats.MergePasses++;
            var next = new List<string>();
            for (var i = 0; i < runs.Count; i += _fanIn)
            {
                var group = runs.GetRange(i, Math.Min(_fanIn, runs.Count - i));
                var path = NextRunPath();
                await using (var writer = await RecordWriter<T>.CreateAsync(path, RecordKind.SortRun, 0, ct, bufferBytes: _readBufferBytes).ConfigureAwait(false))
                {
                    await using var merged = await OpenMergeAsync(group, ct).ConfigureAwait(false);
                    while (await merged.MoveNextAsync(ct).ConfigureAwait(false))
                        await writer.WriteAsync(merged.Current, ct).ConfigureAwait(false);
                    await writer.CompleteAsync(ct).ConfigureAwait(false);
                }
                foreach (var done in group)
                    File.Delete(done);
                next.Add(path);
            }
            runs = next;
        }
        _runs.Clear();
        _runs.AddRange(runs);
        return await OpenMergeAsync(runs, ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var run in _runs)
            File.Delete(run);
        _runs.Clear();
        return ValueTask.CompletedTask;
    }

    private async ValueTask SpillThenAddAsync(T record, CancellationToken ct)
    {
        await SpillAsync(ct).ConfigureAwait(false);
        _buffer[_count++] = record;
        Count++;
    }

    private async Task SpillAsync(CancellationToken ct)
    {
        Array.Sort(_buffer, 0, _count);
        var path = NextRunPath();
        await using (var writer = await RecordWriter<T>.CreateAsync(path, RecordKind.SortRun, 0, ct, bufferBytes: 1 << 20).ConfigureAwait(false))
        {
            await writer.WriteAsync(_buffer.AsMemory(0, _count), ct).ConfigureAwait(false);
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        _runs.Add(path);
        _stats.SpilledRuns++;
        _count = 0;
    }

    private async Task<RecordStream<T>> OpenMergeAsync(IReadOnlyList<string> runs, CancellationToken ct)
    {
        var readers = new List<RecordStream<T>>(runs.Count);
        foreach (var run in runs)
            readers.Add(await RecordReader<T>.OpenAsync(run, RecordKind.SortRun, ct, _readBufferBytes).ConfigureAwait(false));
        return new MergeStream<T>(readers);
    }

    private string NextRunPath() => Path.Combine(_directory, $"{_name}-run-{_nextRunNumber++:D5}.bin");
}
