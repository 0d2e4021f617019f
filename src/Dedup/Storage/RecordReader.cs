using System.Runtime.InteropServices;

namespace MusicPile.Dedup.Storage;

/// <summary>Reads a record file written by <see cref="RecordWriter{T}"/>, checking its header and length first.</summary>
internal sealed class RecordReader<T> : RecordStream<T> where T : unmanaged
{
    private readonly FileStream _stream;
    private readonly byte[] _bytes;
    private int _filled;
    private int _next;
    private long _remaining;

    private RecordReader(FileStream stream, RecordFileHeader header, int bufferBytes)
    {
        _stream = stream;
        Header = header;
        _remaining = header.Count;
        var size = Marshal.SizeOf<T>();
        _bytes = new byte[Math.Max(1, bufferBytes / size) * size];
    }

    public RecordFileHeader Header { get; }

    public long Count => Header.Count;

    public static async Task<RecordReader<T>> OpenAsync(string path, RecordKind kind, CancellationToken ct, int bufferBytes = 1 << 16, int width = 1)
    {
        if (!File.Exists(path))
            throw new DedupFormatException(path, "missing");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var head = new byte[RecordFileHeader.Size];
            await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            var header = RecordFileHeader.Read(head, path, stream.Length, kind, Marshal.SizeOf<T>() * width);
            var reader = new RecordReader<T>(stream, header, bufferBytes);
            reader._remaining = header.Count * width;
            return reader;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        if (_next < _filled)
        {
            Current = MemoryMarshal.Cast<byte, T>(_bytes.AsSpan())[_next++];
            return new ValueTask<bool>(true);
        }
        return FillAndMoveAsync(ct);
    }

    /// <summary>Reads the next <paramref name="destination"/>.Length values (one wide record); false at the end.</summary>
    public async ValueTask<bool> ReadAsync(Memory<T> destination, CancellationToken ct)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            if (!await MoveNextAsync(ct).ConfigureAwait(false))
                return false;
            destination.Span[i] = Current;
        }
        return true;
    }

    public override ValueTask DisposeAsync() => _stream.DisposeAsync();

    private async ValueTask<bool> FillAndMoveAsync(CancellationToken ct)
    {
        if (_remaining == 0)
            return false;
        var size = Marshal.SizeOf<T>();
        var want = (int)Math.Min(_bytes.Length / size, _remaining) * size;
        var got = await _stream.ReadAtLeastAsync(_bytes.AsMemory(0, want), want, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (got != want)
            throw new DedupFormatException(_stream.Name, "ended early");
        _filled = want / size;
        _remaining -= _filled;
        _next = 0;
        Current = MemoryMarshal.Cast<byte, T>(_bytes.AsSpan())[_next++];
        return true;
    }
}
