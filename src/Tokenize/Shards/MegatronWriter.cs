using System.Buffers.Binary;

namespace MusicPile.Tokenize;

/// <summary>
/// Writes a Megatron indexed dataset, one sequence per document: tokens stream to <c>.bin</c>; the <c>.idx</c> is
/// written on completion from the sequence lengths, the only per-document state kept (4 bytes each).
/// </summary>
public sealed class MegatronWriter : ITokenShardWriter
{
    private readonly PendingFile _bin;
    private readonly string _idxPath;
    private readonly byte _dtype;
    private readonly int _width;
    private readonly List<int> _lengths = [];
    private bool _completed;

    /// <summary>Opens <c>{pathPrefix}.bin</c> and <c>{pathPrefix}.idx</c> for a vocabulary of <paramref name="vocabSize"/> ids.</summary>
    public MegatronWriter(string pathPrefix, int vocabSize)
    {
        _dtype = MegatronFormat.DtypeFor(vocabSize);
        _width = MegatronFormat.WidthOf(_dtype);
        _bin = new PendingFile(pathPrefix + ".bin");
        _idxPath = Path.GetFullPath(pathPrefix + ".idx");
        Paths = [_bin.FinalPath, _idxPath];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Paths { get; }

    /// <inheritdoc/>
    public long TokenCount { get; private set; }

    /// <inheritdoc/>
    public long DocumentCount => _lengths.Count;

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ShardDocument document, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        await TokenWidth.WriteAsync(_bin.Stream, document.Tokens, _width, cancellationToken).ConfigureAwait(false);
        _lengths.Add(document.Tokens.Length);
        TokenCount += document.Tokens.Length;
    }

    /// <inheritdoc/>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
            return;
        await using (var idx = new PendingFile(_idxPath))
        {
            await WriteIndexAsync(idx.Stream, cancellationToken).ConfigureAwait(false);
            await idx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await _bin.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _bin.DisposeAsync();

    private async Task WriteIndexAsync(Stream stream, CancellationToken cancellationToken)
    {
        var count = _lengths.Count;
        var header = new byte[MegatronFormat.HeaderBytes];
        MegatronFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(9), MegatronFormat.Version);
        header[17] = _dtype;
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(18), (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(26), (ulong)count + 1);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);

        const int chunk = 8192;
        var buffer = new byte[chunk * 8];
        for (var start = 0; start < count; start += chunk)
        {
            var n = Math.Min(chunk, count - start);
            for (var i = 0; i < n; i++)
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4 * i), _lengths[start + i]);
            await stream.WriteAsync(buffer.AsMemory(0, 4 * n), cancellationToken).ConfigureAwait(false);
        }
        long pointer = 0;
        for (var start = 0; start < count; start += chunk)
        {
            var n = Math.Min(chunk, count - start);
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8 * i), pointer);
                pointer += (long)_lengths[start + i] * _width;
            }
            await stream.WriteAsync(buffer.AsMemory(0, 8 * n), cancellationToken).ConfigureAwait(false);
        }
        for (long start = 0; start <= count; start += chunk)
        {
            var n = (int)Math.Min(chunk, count + 1 - start);
            for (var i = 0; i < n; i++)
                BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8 * i), start + i);
            await stream.WriteAsync(buffer.AsMemory(0, 8 * n), cancellationToken).ConfigureAwait(false);
        }
    }
}
