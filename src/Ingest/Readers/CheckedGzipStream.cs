using System.Buffers.Binary;

namespace MusicPile.Ingest.Readers;

/// <summary>
/// A gzip stream that notices truncation: .NET's decompressor ends quietly when the data stops early, so at the end
/// the bytes read are compared with the size the gzip trailer records (ISIZE, the length mod 2^32).
/// </summary>
internal sealed class CheckedGzipStream(string path, Stream inner) : Stream
{
    private long _length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Check(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Check(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Check(int n)
    {
        _length += n;
        if (n == 0)
        {
            using var f = File.OpenRead(path);
            Span<byte> trailer = stackalloc byte[4];
            if (f.Length < 18)
                throw new InvalidDataException("gzip file shorter than its header and trailer");
            f.Seek(-4, SeekOrigin.End);
            f.ReadExactly(trailer);
            var isize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if (isize != (uint)_length)
                throw new InvalidDataException($"unexpected end of data after {_length:N0} bytes (the trailer records {isize:N0})");
        }
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
