using Parquet;
using Parquet.Schema;

namespace MusicPile.Tokenize;

/// <summary>
/// Writes token ids to Parquet, one row per document, buffering at most <c>rowGroupTokens</c> tokens before each row
/// group is written. Zstd at <see cref="System.IO.Compression.CompressionLevel.Optimal"/> (Parquet.Net's default level is far slower).
/// </summary>
public sealed class ParquetTokenWriter : ITokenShardWriter
{
    private readonly PendingFile _file;
    private readonly ParquetWriter _writer;
    private readonly bool _withLossMask;
    private readonly long _rowGroupTokens;
    private readonly List<long> _ids = [];
    private readonly List<string> _sources = [];
    private readonly List<int> _tokens = [];
    private readonly List<int> _tokenLevels = [];
    private readonly List<sbyte> _mask = [];
    private bool _completed;

    private ParquetTokenWriter(PendingFile file, ParquetWriter writer, bool withLossMask, long rowGroupTokens)
    {
        _file = file;
        _writer = writer;
        _withLossMask = withLossMask;
        _rowGroupTokens = rowGroupTokens;
        Paths = [file.FinalPath];
    }

    /// <summary>Opens <paramref name="path"/>; <paramref name="withLossMask"/> adds the <c>loss_mask</c> column.</summary>
    public static async Task<ParquetTokenWriter> CreateAsync(string path, bool withLossMask, long rowGroupTokens = 4_000_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupTokens, 1);
        var file = new PendingFile(path);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = System.IO.Compression.CompressionLevel.Optimal };
        var writer = await ParquetWriter.CreateAsync(ParquetTokenSchema.Create(withLossMask), file.Stream, options, append: false, cancellationToken).ConfigureAwait(false);
        return new ParquetTokenWriter(file, writer, withLossMask, rowGroupTokens);
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
        if (document.Tokens.IsEmpty)
            throw new ArgumentException("a document needs at least one token", nameof(document));
        var tokens = document.Tokens.Span;
        _ids.Add(document.Id);
        _sources.Add(document.Source);
        _tokens.AddRange(tokens);
        _tokenLevels.Add(0);
        for (var i = 1; i < tokens.Length; i++)
            _tokenLevels.Add(1);
        if (_withLossMask)
        {
            var mask = document.LossMask.Span;
            for (var i = 0; i < tokens.Length; i++)
                _mask.Add(mask.IsEmpty ? (sbyte)1 : (sbyte)mask[i]);
        }
        TokenCount += tokens.Length;
        DocumentCount++;
        if (_tokens.Count >= _rowGroupTokens)
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
            return;
        await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _file.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
            await _writer.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        if (_ids.Count == 0)
            return;
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(ParquetTokenSchema.Id, _ids.ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(ParquetTokenSchema.Source, _sources, null).ConfigureAwait(false);
            // Every list is non-empty and every element present, so each value sits at the deepest definition level.
            var levels = _tokenLevels.ToArray();
            var itemField = (DataField)ParquetTokenSchema.InputIds.Item;
            var definitions = new int[levels.Length];
            Array.Fill(definitions, itemField.MaxDefinitionLevel);
            await group.WriteAllPartsAsync<int>(itemField, _tokens.ToArray(), definitions, levels, cancellationToken).ConfigureAwait(false);
            if (_withLossMask)
                await group.WriteAllPartsAsync<sbyte>((DataField)ParquetTokenSchema.LossMask.Item, _mask.ToArray(), definitions, levels, cancellationToken).ConfigureAwait(false);
        }
        _ids.Clear();
        _sources.Clear();
        _tokens.Clear();
        _tokenLevels.Clear();
        _mask.Clear();
    }
}
