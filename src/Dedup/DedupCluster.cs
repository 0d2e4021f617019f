using MusicPile.Core.Records;

namespace MusicPile.Dedup;

/// <summary>
/// Documents one method found to be the same. <see cref="Members"/> holds the representative and
/// every document this method removed in favour of it; a removed document appears in exactly one cluster.
/// A representative can itself be removed by a later method and then appears again in that method's cluster.
/// </summary>
/// <param name="ClusterId">Sequence number within the run, deterministic for the same input and options.</param>
/// <param name="Method">The method that caught the removed members.</param>
/// <param name="Representative">Id of the document kept for the cluster at this step.</param>
/// <param name="Members">All member ids, representative included, in ascending dense (arrival) order; previous-snapshot members first.</param>
/// <param name="Similarity">1 for exact and music; for near the mean estimated Jaccard of members against the representative.</param>
public sealed record DedupCluster(
    long ClusterId,
    DedupMethod Method,
    long Representative,
    IReadOnlyList<long> Members,
    double Similarity);
