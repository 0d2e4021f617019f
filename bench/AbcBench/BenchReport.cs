namespace AbcBench;

/// <summary>All figures of one run, as written by <c>--json</c>.</summary>
internal sealed record BenchReport(
    DateTimeOffset Date,
    string Machine,
    string Datasets,
    int CorpusTunes,
    int CorpusFiles,
    int TunesParsedByUs,
    IReadOnlyList<SpeedResult> Speed,
    IReadOnlyDictionary<string, double> Ratios,
    FuzzReport? Fuzz,
    Agreement.Result? Agreement);
