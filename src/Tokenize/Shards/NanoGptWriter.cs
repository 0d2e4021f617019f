namespace MusicPile.Tokenize;

/// <summary>Writes nanoGPT's <c>train.bin</c>/<c>val.bin</c>: raw uint16 tokens, no header, the end-of-text id after each document.</summary>
public sealed class NanoGptWriter : ITokenShardWriter
{
    private readonly PendingFile _file;
    private readonly int[] _eot;
    private bool _completed;

    /// <summary>Opens <paramref name="path"/>; nanoGPT reads uint16, so the vocabulary must have at most 65,536 ids.</summary>
    public NanoGptWriter(string path, int vocabSize, int eotId)
    {
        if (vocabSize > 65536)
            throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "nanoGPT files hold uint16 tokens");
        _eot = [eotId];
        _file = new PendingFile(path);
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
        await TokenWidth.WriteAsync(_file.Stream, document.Tokens, 2, cancellationToken).ConfigureAwait(false);
        await TokenWidth.WriteAsync(_file.Stream, _eot, 2, cancellationToken).ConfigureAwait(false);
        TokenCount += document.Tokens.Length + 1;
        DocumentCount++;
    }

    /// <inheritdoc/>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
            return;
        await _file.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
