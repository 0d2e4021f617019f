namespace MusicPile.Dedup;

/// <summary>Which method put a cluster together. Methods run in this order.</summary>
public enum DedupMethod
{
    /// <summary>Equal SHA-256 of the normalised text.</summary>
    Exact = 0,

    /// <summary>Equal melody fingerprint.</summary>
    Music = 1,

    /// <summary>MinHash-LSH candidates (optionally verified by estimated Jaccard).</summary>
    Near = 2,
}
