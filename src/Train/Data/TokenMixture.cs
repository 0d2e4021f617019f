namespace MusicPile.Train;

/// <summary>
/// Draws training windows of seq_len + 1 tokens from weighted sources with a seeded generator, and fixed
/// validation windows per source. The generator state is the whole data position, so it resumes exactly.
/// </summary>
internal sealed class TokenMixture : IDisposable
{
    private readonly Dictionary<string, TokenFile> _files = new(StringComparer.Ordinal);
    private readonly List<(DataSource Spec, SpanTokens Train, SpanTokens? Val)> _sources = [];
    private readonly double[] _cumulativeWeights;
    private readonly SplitMix64 _random;
    private readonly ulong _seed;

    public TokenMixture(IReadOnlyList<DataSource> sources, int seqLen, ulong seed)
    {
        SeqLen = seqLen;
        _seed = seed;
        _random = new SplitMix64(seed);
        try
        {
            foreach (var spec in sources)
            {
                var train = Open(spec.Train, seqLen, $"{spec.Name} training");
                var val = spec.Validation.Count == 0 ? null : Open(spec.Validation, seqLen, $"{spec.Name} validation");
                _sources.Add((spec, train, val));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        var total = sources.Sum(s => s.Weight);
        var running = 0.0;
        _cumulativeWeights = sources.Select(s => running += s.Weight / total).ToArray();
    }

    public int SeqLen { get; }

    /// <summary>The generator state: everything needed to continue the same window sequence.</summary>
    public ulong State
    {
        get => _random.State;
        set => _random.State = value;
    }

    public IEnumerable<string> ValidationSources => _sources.Where(s => s.Val is not null).Select(s => s.Spec.Name);

    /// <summary>Fills inputs and targets (each batch × seqLen) with windows drawn by source weight.</summary>
    public void NextBatch(int batch, long[] inputs, long[] targets)
    {
        for (var row = 0; row < batch; row++)
        {
            var pick = _random.NextDouble();
            var index = Array.FindIndex(_cumulativeWeights, c => pick < c);
            ITokenSource file = _sources[index < 0 ? _sources.Count - 1 : index].Train;
            ReadWindow(file, _random, row, inputs, targets);
        }
    }

    /// <summary>The validation batches of one source; the same windows on every call.</summary>
    public IEnumerable<(long[] Inputs, long[] Targets)> ValidationBatches(string source, int batches, int batch)
    {
        var index = _sources.FindIndex(s => s.Spec.Name == source);
        ITokenSource file = _sources[index].Val ?? throw new InvalidOperationException($"source {source} has no validation file");
        var random = new SplitMix64(_seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
        for (var b = 0; b < batches; b++)
        {
            var inputs = new long[batch * SeqLen];
            var targets = new long[batch * SeqLen];
            for (var row = 0; row < batch; row++)
                ReadWindow(file, random, row, inputs, targets);
            yield return (inputs, targets);
        }
    }

    /// <summary>Unmaps every file opened (several sources may share one).</summary>
    public void Dispose()
    {
        foreach (var file in _files.Values)
            file.Dispose();
        _files.Clear();
    }

    private SpanTokens Open(IReadOnlyList<TokenSpan> spans, int seqLen, string what)
    {
        var tokens = new SpanTokens(spans, path =>
        {
            if (!_files.TryGetValue(path, out var file))
                _files[path] = file = TokenFile.Open(path);
            return file;
        });
        if (tokens.Length < seqLen + 1)
            throw new TrainFormatException($"{tokens.Describe()}: {tokens.Length} {what} tokens is shorter than one window of {seqLen + 1}");
        return tokens;
    }

    private void ReadWindow(ITokenSource file, SplitMix64 random, int row, long[] inputs, long[] targets)
    {
        var buffer = new long[SeqLen + 1];
        var start = random.NextInt64(file.Length - SeqLen);
        file.Read(start, buffer);
        Array.Copy(buffer, 0, inputs, row * SeqLen, SeqLen);
        Array.Copy(buffer, 1, targets, row * SeqLen, SeqLen);
    }
}
