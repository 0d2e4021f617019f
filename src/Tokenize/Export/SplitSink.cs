using System.Security.Cryptography;

namespace MusicPile.Tokenize;

/// <summary>
/// Receives one split's documents: packs them into fixed-length sequences when asked, and rolls over to a new
/// numbered shard when the size limit would be passed.
/// </summary>
internal sealed class SplitSink(string split, string directory, ExportOptions options, MusicTokenizer tokenizer, bool withLossMask) : IAsyncDisposable
{
    private readonly List<ExportShard> _shards = [];
    private readonly List<int> _packedTokens = [];
    private readonly List<byte> _packedMask = [];
    private ITokenShardWriter? _writer;
    private long _packedSequences;

    public IReadOnlyList<ExportShard> Shards => _shards;

    public long Tokens => _shards.Sum(s => s.Tokens) + (_writer?.TokenCount ?? 0);

    public async ValueTask AddAsync(ShardDocument document, CancellationToken cancellationToken)
    {
        if (options.SequenceLength is not { } length)
        {
            await WriteAsync(document, cancellationToken).ConfigureAwait(false);
            return;
        }
        _packedTokens.AddRange(document.Tokens.Span);
        if (withLossMask)
            AppendMask(document);
        while (_packedTokens.Count >= length)
            await EmitPackedAsync(length, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ExportShard>> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_packedTokens.Count > 0)
            await EmitPackedAsync(_packedTokens.Count, cancellationToken).ConfigureAwait(false);
        await CloseShardAsync(cancellationToken).ConfigureAwait(false);
        return _shards;
    }

    public ValueTask DisposeAsync() => _writer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void AppendMask(ShardDocument document)
    {
        if (document.LossMask.IsEmpty)
        {
            for (var i = 0; i < document.Tokens.Length; i++)
                _packedMask.Add(1);
        }
        else
        {
            _packedMask.AddRange(document.LossMask.Span);
        }
    }

    private async ValueTask EmitPackedAsync(int length, CancellationToken cancellationToken)
    {
        var tokens = _packedTokens.GetRange(0, length).ToArray();
        _packedTokens.RemoveRange(0, length);
        byte[]? mask = null;
        if (withLossMask)
        {
            mask = _packedMask.GetRange(0, length).ToArray();
            _packedMask.RemoveRange(0, length);
        }
        await WriteAsync(new ShardDocument(_packedSequences++, "packed", tokens, mask), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(ShardDocument document, CancellationToken cancellationToken)
    {
        var separator = options.Format == ShardFormat.Llmc || options.Format == ShardFormat.NanoGpt ? 1 : 0;
        if (_writer is not null && options.ShardTokens is { } limit && _writer.DocumentCount > 0
            && _writer.TokenCount + document.Tokens.Length + separator > limit)
            await CloseShardAsync(cancellationToken).ConfigureAwait(false);
        _writer ??= await OpenAsync(_shards.Count, cancellationToken).ConfigureAwait(false);
        await _writer.WriteAsync(document, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ITokenShardWriter> OpenAsync(int index, CancellationToken cancellationToken)
    {
        var sharded = options.ShardTokens is not null;
        var stem = sharded ? $"{options.Prefix}_{split}_{index:D5}" : $"{options.Prefix}_{split}";
        return options.Format switch
        {
            ShardFormat.Megatron => new MegatronWriter(MegatronFormat.PathPrefix(directory, stem), tokenizer.VocabSize),
            ShardFormat.Llmc => new LlmcShardWriter(Path.Combine(directory, LlmcFormat.FileName(options.Prefix, split, index)), tokenizer.VocabSize, tokenizer.EosId),
            ShardFormat.NanoGpt => new NanoGptWriter(Path.Combine(directory, split == TokenExporter.ValidationSplit ? "val.bin" : "train.bin"), tokenizer.VocabSize, tokenizer.EosId),
            ShardFormat.Parquet => await ParquetTokenWriter.CreateAsync(Path.Combine(directory, $"{options.Prefix}_{split}_{index:D5}.parquet"), withLossMask, cancellationToken: cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "unknown format"),
        };
    }

    private async ValueTask CloseShardAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
            return;
        await using (var writer = _writer)
        {
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            var files = new List<ExportFile>();
            foreach (var path in writer.Paths)
                files.Add(await DescribeAsync(path, cancellationToken).ConfigureAwait(false));
            _shards.Add(new ExportShard(split, _shards.Count, writer.TokenCount, writer.DocumentCount, files));
        }
        _writer = null;
    }

    private async Task<ExportFile> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ExportFile(Path.GetRelativePath(directory, path), stream.Length, Convert.ToHexStringLower(hash));
    }
}
