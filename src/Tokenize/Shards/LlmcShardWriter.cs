using System.Buffers.Binary;

namespace MusicPile.Tokenize;

/// <summary>Writes one llm.c shard: the end-of-text id goes before each document; the header's token count is set on completion.</summary>
public sealed class LlmcShardWriter : ITokenShardWriter
{
    private readonly PendingFile _file;
    private readonly int _width;
    private readonly int[] _eot;
    private bool _completed;

    /// <summary>Opens <paramref name="path"/> for a vocabulary of <paramref name="vocabSize"/> ids whose end-of-text id is <paramref name="eotId"/>.</summary>
    public LlmcShardWriter(string path, int vocabSize, int eotId)
    {
        _width = LlmcFormat.WidthFor(vocabSize);
        _eot = [eotId];
        _file = new PendingFile(path);
        _file.Stream.Write(new byte[LlmcFormat.HeaderBytes]);
        Paths = [_file.FinalPath];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Paths { get; }

    /// <inheritdoc/>
    public long TokenCount { get; private set; }

    /// <inheritdoc/>
    public long DocumentCount { get; private set; }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ShardDocument document, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (TokenCount + document.Tokens.Length + 1 > int.MaxValue)
            throw new InvalidOperationException("an llm.c shard holds at most 2^31-1 tokens: set a shard size limit");
        await TokenWidth.WriteAsync(_file.Stream, _eot, _width, cancellationToken).ConfigureAwait(false);
        await TokenWidth.WriteAsync(_file.Stream, document.Tokens, _width, cancellationToken).ConfigureAwait(false);
        TokenCount += document.Tokens.Length + 1;
        DocumentCount++;
    }

    /// <inheritdoc/>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
            return;
        var header = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(header, _width == 2 ? LlmcFormat.MagicUInt16 : LlmcFormat.MagicUInt32);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), _width == 2 ? LlmcFormat.VersionUInt16 : LlmcFormat.VersionUInt32);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), (int)TokenCount);
        await _file.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Stream.Position = 0;
        await _file.Stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await _file.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
