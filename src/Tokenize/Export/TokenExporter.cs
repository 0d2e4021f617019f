namespace MusicPile.Tokenize;

/// <summary>
/// Tokenizes a document stream into training files: splits by document hash, applies mixture weights, optionally
/// packs, writes shards and <c>manifest.json</c>. Documents are tokenized in parallel batches and written in input
/// order, so the output is deterministic and memory stays bounded by the batch size.
/// <example><c>musicpile export --tokenizer llama2 --format megatron --out shards/</c></example>
/// </summary>
public static class TokenExporter
{
    /// <summary>Name of the training split in file names and the manifest.</summary>
    public const string TrainSplit = "train";

    /// <summary>Name of the validation split in file names and the manifest.</summary>
    public const string ValidationSplit = "val";

    /// <summary>Exports with the tokenizer named in <paramref name="options"/>.</summary>
    public static async Task<ExportManifest> ExportAsync(IAsyncEnumerable<ExportDocument> documents, ExportOptions options, string outputDirectory, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var tokenizer = await TokenizerFactory.CreateAsync(options.Tokenizer, options.TokenizerCacheDirectory, cancellationToken).ConfigureAwait(false);
        return await ExportAsync(documents, options, tokenizer, outputDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exports with an already created <paramref name="tokenizer"/> (its id goes in the manifest).</summary>
    public static async Task<ExportManifest> ExportAsync(IAsyncEnumerable<ExportDocument> documents, ExportOptions options, MusicTokenizer tokenizer, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options.Validate();
        Directory.CreateDirectory(outputDirectory);
        var withLossMask = options.Format == ShardFormat.Parquet;
        var encoder = new DocumentEncoder(tokenizer, options);
        var counts = new Dictionary<string, SourceCounter>(StringComparer.Ordinal);
        await using var train = new SplitSink(TrainSplit, outputDirectory, options, tokenizer, withLossMask);
        await using var validation = new SplitSink(ValidationSplit, outputDirectory, options, tokenizer, withLossMask);

        var batch = new List<ExportDocument>(options.BatchSize);
        await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(document);
            if (batch.Count == options.BatchSize)
                await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);

        var shards = (await train.CompleteAsync(cancellationToken).ConfigureAwait(false))
            .Concat(await validation.CompleteAsync(cancellationToken).ConfigureAwait(false))
            .ToList();
        var manifest = new ExportManifest(
            tokenizer.Id,
            tokenizer.VocabularyHash,
            tokenizer.VocabSize,
            tokenizer.EosId,
            options.Format,
            options.SequenceLength,
            options.ValidationFraction,
            shards,
            counts.Values.OrderBy(c => c.Source, StringComparer.Ordinal).Select(c => c.ToRecord()).ToList(),
            new Dictionary<string, long> { [TrainSplit] = train.Tokens, [ValidationSplit] = validation.Tokens });
        await manifest.WriteAsync(Path.Combine(outputDirectory, ExportManifest.FileName), cancellationToken).ConfigureAwait(false);
        return manifest;

        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var encoded = encoder.EncodeBatch(batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                var document = batch[i];
                var (sha, sequence) = encoded[i];
                if (!counts.TryGetValue(document.Source, out var counter))
                    counts[document.Source] = counter = new SourceCounter(document.Source, options.WeightOf(document.Source));
                counter.InputDocuments++;
                if (sequence.Length == 0)
                    continue;
                var isValidation = DocumentSampling.IsValidation(sha, options.ValidationFraction, options.SplitSalt);
                var copies = isValidation ? 1 : DocumentSampling.Copies(sha, counter.Weight);
                var sink = isValidation ? validation : train;
                var shardDocument = new ShardDocument(document.Id, document.Source, sequence.InputIds, sequence.LossMask);
                for (var copy = 0; copy < copies; copy++)
                    await sink.AddAsync(shardDocument, cancellationToken).ConfigureAwait(false);
                counter.Add(isValidation, copies, sequence.Length + encoder.SeparatorTokens);
            }
            batch.Clear();
        }
    }

    private sealed class SourceCounter(string source, double weight)
    {
        public string Source { get; } = source;
        public double Weight { get; } = weight;
        public long InputDocuments { get; set; }
        private long _trainDocuments, _trainTokens, _validationDocuments, _validationTokens;

        public void Add(bool validation, int copies, int tokens)
        {
            if (validation)
            {
                _validationDocuments += copies;
                _validationTokens += (long)copies * tokens;
            }
            else
            {
                _trainDocuments += copies;
                _trainTokens += (long)copies * tokens;
            }
        }

        public SourceTokenCount ToRecord() => new(Source, Weight, InputDocuments, _trainDocuments, _trainTokens, _validationDocuments, _validationTokens);
    }
}
