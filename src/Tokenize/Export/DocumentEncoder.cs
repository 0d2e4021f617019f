namespace MusicPile.Tokenize;

/// <summary>
/// Turns export documents into the token sequences a format stores: every document ends with exactly one
/// boundary, written by the shard format (llm.c, nanoGPT) or kept as the final EOS (Megatron, Parquet).
/// </summary>
internal sealed class DocumentEncoder(MusicTokenizer tokenizer, ExportOptions options)
{
    private readonly SftEncoder _sft = new(tokenizer, options.Sft);
    private readonly bool _formatAddsSeparator = options.Format is ShardFormat.Llmc or ShardFormat.NanoGpt;

    /// <summary>Tokens the shard format adds per document beyond the sequence itself.</summary>
    public int SeparatorTokens => _formatAddsSeparator ? 1 : 0;

    /// <summary>Encodes a batch in parallel, returning each document's hash and sequence in input order.</summary>
    public (string Sha256, TokenSequence Sequence)[] EncodeBatch(IReadOnlyList<ExportDocument> batch, CancellationToken cancellationToken)
    {
        var results = new (string, TokenSequence)[batch.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        Parallel.For(0, batch.Count, parallel, i =>
        {
            var document = batch[i];
            var sha = string.IsNullOrEmpty(document.Sha256) ? DocumentSampling.Sha256Of(document.Text) : document.Sha256;
            results[i] = (sha, Encode(document));
        });
        return results;
    }

    private TokenSequence Encode(ExportDocument document)
    {
        var sequence = document.Sft is { } record ? _sft.Encode(record) : new TokenSequence(tokenizer.Encode(document.Text));
        var ids = sequence.InputIds;
        var endsWithEos = ids.Length > 0 && ids[^1] == tokenizer.EosId;
        if (_formatAddsSeparator && endsWithEos)
            return new TokenSequence(ids[..^1], sequence.LossMask?[..^1]);
        // A truncated SFT record stays within its length limit rather than gaining an EOS.
        if (!_formatAddsSeparator && !endsWithEos && options.AppendEos && ids.Length > 0 && document.Sft is null)
            return new TokenSequence([.. ids, tokenizer.EosId]);
        return sequence;
    }
}
