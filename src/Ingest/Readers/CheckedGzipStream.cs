using System.Runtime.InteropServices;

namespace MusicPile.Ingest.Readers;

/// <summary>
/// A gzip file read as RFC 1952 defines it: one or more members, each inflated to its end and checked against its own
/// trailer (CRC-32 and length). Data that stops inside a member, a bad checksum, or bytes after the last member that
/// do not start another one fail the read with <see cref="InvalidDataException"/>; zero padding after the last member
/// is ignored, as gzip does.
/// </summary>
internal sealed class CheckedGzipStream(Stream compressed) : Stream
{
    private const int BufferSize = 1 << 16;
    private readonly byte[] _input = GC.AllocateArray<byte>(BufferSize, pinned: true);
    private readonly byte[] _output = GC.AllocateArray<byte>(BufferSize, pinned: true);
    private readonly ZlibInflater _inflater = new();
    private int _inputStart;
    private int _inputEnd;
    private bool _endOfFile;
    private bool _inMember;
    private int _members;
    private long _compressedRead;
    private long _length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var n = Step(buffer);
            if (n >= 0)
                return n;
            Compact();
            Fill(compressed.Read(_input, _inputEnd, _input.Length - _inputEnd));
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var n = Step(buffer.Span);
            if (n >= 0)
                return n;
            Compact();
            Fill(await compressed.ReadAsync(_input.AsMemory(_inputEnd), cancellationToken).ConfigureAwait(false));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Inflates what the input buffer holds: bytes made (0 at the end of the file), or -1 when more input is needed.</summary>
    private int Step(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        while (true)
        {
            if (!_inMember)
            {
                if (_inputStart == _inputEnd)
                {
                    if (!_endOfFile)
                        return -1;
                    if (_members == 0)
                        throw new InvalidDataException("empty gzip file");
                    return 0;
                }
                if (_members > 0 && _input[_inputStart] == 0)
                {
                    _inputStart++;
                    continue;
                }
                if (_input[_inputStart] != 0x1F)
                    throw new InvalidDataException($"byte {Offset:N0} starts no gzip member (after {_members} member(s))");
                _inflater.Reset();
                _inMember = true;
            }
            if (_inputStart == _inputEnd)
            {
                if (_endOfFile)
                    throw new InvalidDataException($"unexpected end of data in gzip member {_members + 1} after {_length:N0} bytes");
                return -1;
            }
            var ended = _inflater.Inflate(Marshal.UnsafeAddrOfPinnedArrayElement(_input, _inputStart), _inputEnd - _inputStart,
                Marshal.UnsafeAddrOfPinnedArrayElement(_output, 0), Math.Min(buffer.Length, _output.Length), out var used, out var made);
            _inputStart += used;
            _output.AsSpan(0, made).CopyTo(buffer);
            _length += made;
            if (ended)
            {
                _inMember = false;
                _members++;
            }
            if (made > 0)
                return made;
            if (!ended && used == 0)
            {
                if (_endOfFile)
                    throw new InvalidDataException($"unexpected end of data in gzip member {_members + 1} after {_length:N0} bytes");
                return -1;
            }
        }
    }

    private long Offset => _compressedRead - (_inputEnd - _inputStart);

    /// <summary>Moves unread input to the front of the buffer so that a read has room.</summary>
    private void Compact()
    {
        if (_inputStart > 0)
        {
            _input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(_input);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }
        if (_inputEnd == _input.Length)
            throw new InvalidDataException($"gzip member {_members + 1} makes no progress at byte {Offset:N0}");
    }

    private void Fill(int n)
    {
        if (n == 0)
            _endOfFile = true;
        _compressedRead += n;
        _inputEnd += n;
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
        {
            _inflater.Dispose();
            compressed.Dispose();
        }
        base.Dispose(disposing);
    }
}
