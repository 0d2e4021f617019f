namespace MusicPile.Tokenize;

/// <summary>What <see cref="TokenExporter"/> writes and how it splits, weights and packs the documents.</summary>
public sealed record ExportOptions
{
    /// <summary>Tokenizer spec for <see cref="TokenizerFactory"/>. Default <c>llama2</c>.</summary>
    public string Tokenizer { get; init; } = "llama2";

    /// <summary>Tokenizer cache folder. Default null: <see cref="TokenizerCache.DefaultDirectory"/>.</summary>
    public string? TokenizerCacheDirectory { get; init; }

    /// <summary>Output format. Default <see cref="ShardFormat.Megatron"/>.</summary>
    public ShardFormat Format { get; init; } = ShardFormat.Megatron;

    /// <summary>File name prefix. Default <c>musicpile</c>.</summary>
    public string Prefix { get; init; } = "musicpile";

    /// <summary>Share of documents (by hash) put in the validation split. Default 0.01.</summary>
    public double ValidationFraction { get; init; } = 0.01;

    /// <summary>Salt of the split hash; change it to draw a different validation set. Default <c>split</c>.</summary>
    public string SplitSalt { get; init; } = "split";

    /// <summary>
    /// Mixture weight per source: copies of each training document (2 doubles a source, 100 repeats it 100 times,
    /// 0.3 keeps 30% chosen by hash). Sources not listed weigh 1. Validation documents are never weighted. Default empty.
    /// </summary>
    public IReadOnlyDictionary<string, double> SourceWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// When set, documents (each ending in EOS) are concatenated and cut into sequences of this many tokens
    /// (the last may be shorter). Megatron and Parquet only. Default null: one sequence per document.
    /// </summary>
    public int? SequenceLength { get; init; }

    /// <summary>Largest shard in tokens before a new numbered shard starts (documents are not split). Default null: one shard per split. Not for nanoGPT.</summary>
    public long? ShardTokens { get; init; }

    /// <summary>Megatron and Parquet: end each document with EOS when its text did not already end with <c>&lt;/s&gt;</c>. Default true.</summary>
    public bool AppendEos { get; init; } = true;

    /// <summary>Truncation of SFT records. Default ChatMusician's 1536/2048.</summary>
    public SftOptions Sft { get; init; } = new();

    /// <summary>Documents tokenized together in parallel; bounds memory. Default 512.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Tokenizer threads. Default: all processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws when a setting is out of range or does not fit the format.</summary>
    public ExportOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Tokenizer);
        ArgumentException.ThrowIfNullOrWhiteSpace(Prefix);
        if (ValidationFraction is < 0 or > 1 || double.IsNaN(ValidationFraction))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be within [0, 1]");
        foreach (var (source, weight) in SourceWeights)
        {
            if (weight < 0 || !double.IsFinite(weight))
                throw new ArgumentOutOfRangeException(nameof(SourceWeights), weight, $"weight of {source} must be finite and not negative");
        }
        if (SequenceLength is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 2, nameof(SequenceLength));
            if (Format is ShardFormat.Llmc or ShardFormat.NanoGpt)
                throw new ArgumentException($"{Format} files are already one token stream: packing applies to Megatron and Parquet", nameof(SequenceLength));
        }
        if (ShardTokens is { } shard)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(shard, 1, nameof(ShardTokens));
            if (Format == ShardFormat.NanoGpt)
                throw new ArgumentException("nanoGPT has exactly train.bin and val.bin: no shard limit", nameof(ShardTokens));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        Sft.Validate();
        return this;
    }

    /// <summary>The weight of <paramref name="source"/> (1 when not listed).</summary>
    public double WeightOf(string source) => SourceWeights.TryGetValue(source, out var weight) ? weight : 1.0;
}
