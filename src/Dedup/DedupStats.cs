namespace MusicPile.Dedup;

/// <summary>Work figures of one run, for logs and benchmarks.</summary>
/// <param name="SpilledRuns">Sorted runs written to disk across all external sorts.</param>
/// <param name="MergePasses">Intermediate merge passes (when runs exceeded the merge fan-in).</param>
/// <param name="CandidatePairs">LSH candidate pairs looked at (pairs already joined are skipped).</param>
/// <param name="VerifiedPairs">Candidate pairs that passed verification (all candidates when verification is off).</param>
/// <param name="SignatureTime">Time to read the input and compute hashes and signatures.</param>
/// <param name="ClusterTime">Time for the exact, music and near steps and cluster output.</param>
/// <param name="IndexTime">Time to write the dedup index (zero when none was asked for).</param>
public sealed record DedupStats(
    long SpilledRuns,
    long MergePasses,
    long CandidatePairs,
    long VerifiedPairs,
    TimeSpan SignatureTime,
    TimeSpan ClusterTime,
    TimeSpan IndexTime);
