namespace MusicPile.Core.Records;

/// <summary>
/// How a duplicate was found: the method that put a dedup cluster together and the key a removal is counted under
/// (task counters, snapshot manifests, <c>dedup_clusters.method</c>). Methods run in this order.
/// </summary>
public enum DedupMethod
{
    /// <summary>Equal SHA-256 of the normalised text.</summary>
    Exact = 0,

    /// <summary>Equal melody fingerprint.</summary>
    Music = 1,

    /// <summary>MinHash-LSH candidates (optionally verified by estimated Jaccard).</summary>
    Near = 2,
}
