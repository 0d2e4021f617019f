using System.Runtime.InteropServices;

namespace MusicPile.Ingest.Readers;

/// <summary>
/// zlib's <c>inflate</c> on one gzip member at a time. .NET's <see cref="System.IO.Compression.GZipStream"/> hides
/// where a member ends and says nothing when the data stops early; zlib reports both, and checks each member's CRC-32
/// and length as RFC 1952 asks.
/// </summary>
internal sealed class ZlibInflater : IDisposable
{
    private const string Library = "libz.so.1";
    private const int GzipWindowBits = 15 + 16;
    private const int Ok = 0;
    private const int StreamEnd = 1;
    private const int BufferError = -5;

    private static readonly int NextInOffset = (int)Marshal.OffsetOf<ZStream>(nameof(ZStream.NextIn));
    private static readonly int AvailInOffset = (int)Marshal.OffsetOf<ZStream>(nameof(ZStream.AvailIn));
    private static readonly int NextOutOffset = (int)Marshal.OffsetOf<ZStream>(nameof(ZStream.NextOut));
    private static readonly int AvailOutOffset = (int)Marshal.OffsetOf<ZStream>(nameof(ZStream.AvailOut));
    private static readonly int MsgOffset = (int)Marshal.OffsetOf<ZStream>(nameof(ZStream.Msg));

    // zlib keeps a pointer to its z_stream, so it lives in native memory that never moves.
    private IntPtr _stream;

    public ZlibInflater()
    {
        var size = Marshal.SizeOf<ZStream>();
        _stream = Marshal.AllocHGlobal(size);
        Marshal.Copy(new byte[size], 0, _stream, size);
        var rc = InflateInit2(_stream, GzipWindowBits, ZlibVersion(), size);
        if (rc != Ok)
        {
            Marshal.FreeHGlobal(_stream);
            _stream = IntPtr.Zero;
            throw new InvalidOperationException($"zlib inflateInit2 failed ({rc})");
        }
    }

    ~ZlibInflater() => Release();

    /// <summary>Starts a new member.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_stream == IntPtr.Zero, this);
        if (InflateReset(_stream) != Ok)
            throw new InvalidOperationException("zlib inflateReset failed");
    }

    /// <summary>
    /// Inflates from pinned <paramref name="input"/> into pinned <paramref name="output"/>; true when the member ended
    /// (its trailer checked). Corrupt data throws <see cref="InvalidDataException"/> with zlib's message.
    /// </summary>
    public bool Inflate(IntPtr input, int inputLength, IntPtr output, int outputLength, out int consumed, out int produced)
    {
        ObjectDisposedException.ThrowIf(_stream == IntPtr.Zero, this);
        Marshal.WriteIntPtr(_stream, NextInOffset, input);
        Marshal.WriteInt32(_stream, AvailInOffset, inputLength);
        Marshal.WriteIntPtr(_stream, NextOutOffset, output);
        Marshal.WriteInt32(_stream, AvailOutOffset, outputLength);
        var rc = Inflate(_stream, 0);
        consumed = inputLength - Marshal.ReadInt32(_stream, AvailInOffset);
        produced = outputLength - Marshal.ReadInt32(_stream, AvailOutOffset);
        if (rc is Ok or BufferError)
            return false;
        if (rc == StreamEnd)
            return true;
        var msg = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(_stream, MsgOffset));
        throw new InvalidDataException($"corrupt gzip data: {msg ?? "zlib error " + rc}");
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (_stream == IntPtr.Zero)
            return;
        _ = InflateEnd(_stream);
        Marshal.FreeHGlobal(_stream);
        _stream = IntPtr.Zero;
    }

    [DllImport(Library, EntryPoint = "zlibVersion")]
    private static extern IntPtr ZlibVersion();

    [DllImport(Library, EntryPoint = "inflateInit2_")]
    private static extern int InflateInit2(IntPtr stream, int windowBits, IntPtr version, int streamSize);

    [DllImport(Library, EntryPoint = "inflate")]
    private static extern int Inflate(IntPtr stream, int flush);

    [DllImport(Library, EntryPoint = "inflateReset")]
    private static extern int InflateReset(IntPtr stream);

    [DllImport(Library, EntryPoint = "inflateEnd")]
    private static extern int InflateEnd(IntPtr stream);

    /// <summary>zlib's <c>z_stream</c>; <c>uLong</c> is C's <c>unsigned long</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public IntPtr NextIn;
        public uint AvailIn;
        public CULong TotalIn;
        public IntPtr NextOut;
        public uint AvailOut;
        public CULong TotalOut;
        public IntPtr Msg;
        public IntPtr State;
        public IntPtr ZAlloc;
        public IntPtr ZFree;
        public IntPtr Opaque;
        public int DataType;
        public CULong Adler;
        public CULong Reserved;
    }
}
