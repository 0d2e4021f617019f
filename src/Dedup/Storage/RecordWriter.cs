using System.Runtime.InteropServices;

namespace MusicPile.Dedup.Storage;

/// <summary>
/// Writes fixed-size records after a header into <c>path.tmp</c>; <see cref="CompleteAsync"/> patches the count,
/// flushes and renames to <c>path</c>. Disposed without completing, the temporary file is deleted.
/// A record is <paramref name="width"/> values of <typeparamref name="T"/>.
/// </summary>
internal sealed class RecordWriter<T> : IAsyncDisposable where T : unmanaged
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private readonly byte[] _bytes;
    private readonly int _capacity;
    private readonly RecordKind _kind;
    private readonly uint _parameter;
    private readonly int _width;
    private int _filled;
    private long _values;
    private bool _completed;

    private RecordWriter(string path, RecordKind kind, uint parameter, int width, int bufferBytes)
    {
        _path = path;
        _tempPath = path + ".tmp";
        _kind = kind;
        _parameter = parameter;
        _width = width;
        var recordBytes = Marshal.SizeOf<T>() * width;
        _capacity = Math.Max(1, bufferBytes / recordBytes) * width;
        _bytes = new byte[_capacity * Marshal.SizeOf<T>()];
        _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
    }

    public string Path => _path;

    public long Count => _values / _width;

    public static async Task<RecordWriter<T>> CreateAsync(string path, RecordKind kind, uint parameter, CancellationToken ct, int width = 1, int bufferBytes = 1 << 16)
    {
        var writer = new RecordWriter<T>(path, kind, parameter, width, bufferBytes);
        await writer._stream.WriteAsync(new byte[RecordFileHeader.Size], ct).ConfigureAwait(false);
        return writer;
    }

    public ValueTask WriteAsync(T value, CancellationToken ct)
    {
        MemoryMarshal.Cast<byte, T>(_bytes.AsSpan())[_filled++] = value;
        _values++;
        return _filled == _capacity ? FlushBufferAsync(ct) : ValueTask.CompletedTask;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<T> values, CancellationToken ct)
    {
        while (values.Length > 0)
        {
            var n = Math.Min(values.Length, _capacity - _filled);
            values.Span[..n].CopyTo(MemoryMarshal.Cast<byte, T>(_bytes.AsSpan())[_filled..]);
            _filled += n;
            _values += n;
            values = values[n..];
            if (_filled == _capacity)
                await FlushBufferAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_values % _width != 0)
            throw new InvalidOperationException($"{_path}: partial record written");
        await FlushBufferAsync(ct).ConfigureAwait(false);
        var header = new byte[RecordFileHeader.Size];
        new RecordFileHeader(_kind, Marshal.SizeOf<T>() * _width, _parameter, Count).Write(header);
        _stream.Position = 0;
        await _stream.WriteAsync(header, ct).ConfigureAwait(false);
        await _stream.FlushAsync(ct).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_tempPath, _path, overwrite: true);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (!_completed)
            File.Delete(_tempPath);
    }

    private async ValueTask FlushBufferAsync(CancellationToken ct)
    {
        if (_filled == 0)
            return;
        var length = _filled * Marshal.SizeOf<T>();
        _filled = 0;
        await _stream.WriteAsync(_bytes.AsMemory(0, length), ct).ConfigureAwait(false);
    }
}
