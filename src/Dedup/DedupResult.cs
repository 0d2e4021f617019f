namespace MusicPile.Dedup;

/// <summary>What a deduplication run kept and removed.</summary>
/// <param name="DocumentsIn">Documents read in this run (new documents only in an incremental run).</param>
/// <param name="KeptIds">Ids of the kept documents, in arrival order.</param>
/// <param name="RemovedExact">Documents removed by exact dedup.</param>
/// <param name="RemovedMusic">Documents removed by equal melody fingerprint.</param>
/// <param name="RemovedNear">Documents removed by MinHash-LSH.</param>
/// <param name="Clusters">Clusters reported to the caller.</param>
/// <param name="Stats">Work figures: spilled runs, candidate pairs, timings.</param>
public sealed record DedupResult(
    long DocumentsIn,
    IReadOnlyList<long> KeptIds,
    long RemovedExact,
    long RemovedMusic,
    long RemovedNear,
    long Clusters,
    DedupStats Stats)
{
    /// <summary>Documents removed by all methods together.</summary>
    public long Removed => RemovedExact + RemovedMusic + RemovedNear;
}
