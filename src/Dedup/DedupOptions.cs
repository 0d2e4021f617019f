namespace MusicPile.Dedup;

/// <summary>Settings of a deduplication run. Defaults follow datatrove's MinHash settings.</summary>
public sealed record DedupOptions
{
    /// <summary>Tokens per shingle. Default 5.</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>LSH bands. Default 14.</summary>
    public int Bands { get; init; } = 14;

    /// <summary>Rows (hashes) per band. Default 8, so 112 hashes and a threshold near 0.72.</summary>
    public int RowsPerBand { get; init; } = 8;

    /// <summary>Seed of every hash; the same seed gives the same signatures on any machine. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Shingle unit for <c>text</c>, <c>chat</c> and <c>sft</c> documents. Default words.</summary>
    public ShingleUnit TextUnit { get; init; } = ShingleUnit.Words;

    /// <summary>Shingle unit for <c>abc</c> documents. Default note tokens.</summary>
    public ShingleUnit AbcUnit { get; init; } = ShingleUnit.AbcNotes;

    /// <summary>
    /// Candidate pairs whose estimated Jaccard (share of equal signature values) is below this are not joined.
    /// Null joins every candidate, as datatrove does. Default 0.7: it stops chains through weak bucket collisions.
    /// </summary>
    public double? VerifyThreshold { get; init; } = 0.7;

    /// <summary>Which document a cluster keeps. Default earliest.</summary>
    public RepresentativePolicy Representative { get; init; } = RepresentativePolicy.Earliest;

    /// <summary>Run exact dedup. Default true.</summary>
    public bool Exact { get; init; } = true;

    /// <summary>Run music-aware dedup on melody fingerprints. Default true.</summary>
    public bool Music { get; init; } = true;

    /// <summary>Run MinHash-LSH near dedup. Default true.</summary>
    public bool Near { get; init; } = true;

    /// <summary>
    /// Bytes the sort buffers may hold; each external sort spills a run when its buffer is full.
    /// Per-document arrays (about 40 bytes a document) come on top. Default 256 MiB.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = 256L << 20;

    /// <summary>Most runs merged at once; more runs are merged in passes. Default 64.</summary>
    public int MergeFanIn { get; init; } = 64;

    /// <summary>Threads computing signatures. Default the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Documents handed to the signature threads at once. Default 1024.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Members of a near cluster compared with its representative to estimate the similarity. Default 64.</summary>
    public int SimilaritySampleSize { get; init; } = 64;

    /// <summary>Total MinHash values per signature.</summary>
    public int HashCount => Bands * RowsPerBand;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public DedupOptions Validate()
    {
        Check(ShingleSize is >= 1 and <= 64, nameof(ShingleSize), "must be 1..64");
        Check(Bands is >= 1 and <= 1024, nameof(Bands), "must be 1..1024");
        Check(RowsPerBand is >= 1 and <= 64, nameof(RowsPerBand), "must be 1..64");
        Check(VerifyThreshold is null or (>= 0 and <= 1), nameof(VerifyThreshold), "must be within 0..1");
        Check(Enum.IsDefined(TextUnit) && TextUnit == ShingleUnit.Words, nameof(TextUnit), "text documents shingle on words");
        Check(Enum.IsDefined(AbcUnit), nameof(AbcUnit), "unknown unit");
        Check(Enum.IsDefined(Representative), nameof(Representative), "unknown policy");
        Check(MemoryBudgetBytes >= 16 << 10, nameof(MemoryBudgetBytes), "must be at least 16 KiB");
        Check(MergeFanIn is >= 2 and <= 1024, nameof(MergeFanIn), "must be 2..1024");
        Check(Parallelism >= 1, nameof(Parallelism), "must be at least 1");
        Check(BatchSize >= 1, nameof(BatchSize), "must be at least 1");
        Check(SimilaritySampleSize >= 1, nameof(SimilaritySampleSize), "must be at least 1");
        return this;
    }

    private static void Check(bool ok, string name, string why)
    {
        if (!ok)
            throw new ArgumentException($"DedupOptions.{name} {why}", name);
    }
}
