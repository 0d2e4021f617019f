using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>Random access to signatures on disk: this run's by dense number, the previous index's by position.</summary>
internal sealed class SignatureStore : IDisposable
{
    private readonly SafeFileHandle _current;
    private readonly SafeFileHandle? _previous;
    private readonly int _hashCount;
    private readonly int _bytes;

    public SignatureStore(DedupRun run)
    {
        _hashCount = run.Options.HashCount;
        _bytes = _hashCount * sizeof(ulong);
        _current = File.OpenHandle(run.SignaturePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess | FileOptions.Asynchronous);
        if (run.Previous is not null)
            _previous = File.OpenHandle(run.Previous.PathOf(DedupIndex.SignaturesFile), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess | FileOptions.Asynchronous);
    }

    public ulong[] NewBuffer() => new ulong[_hashCount];

    public ValueTask ReadCurrentAsync(int doc, ulong[] into, CancellationToken ct) => ReadAsync(_current, doc, into, ct);

    public ValueTask ReadPreviousAsync(int position, ulong[] into, CancellationToken ct) =>
        ReadAsync(_previous ?? throw new InvalidOperationException("no previous index"), position, into, ct);

    public void Dispose()
    {
        _current.Dispose();
        _previous?.Dispose();
    }

    private async ValueTask ReadAsync(SafeFileHandle handle, long record, ulong[] into, CancellationToken ct)
    {
        var bytes = new byte[_bytes];
        var offset = RecordFileHeader.Size + record * _bytes;
        var read = 0;
        while (read < bytes.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), offset + read, ct).ConfigureAwait(false);
            if (n == 0)
                throw new DedupFormatException("signatures", $"record {record} past the end");
            read += n;
        }
        MemoryMarshal.Cast<byte, ulong>(bytes).CopyTo(into);
    }
}
