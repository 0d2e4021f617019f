namespace MusicPile.Publish;

/// <summary>
/// What a snapshot's dataset card states: the snapshot's identity and provenance, its sources, the duplicates removed
/// per dedup method and the records rejected per reason by the run that published it.
/// </summary>
public sealed record DatasetCardFacts(
    string SnapshotId,
    string? Parent,
    string Pipeline,
    string CodeVersion,
    DateTime CreatedUtc,
    IReadOnlyList<DatasetCardSource> Sources,
    IReadOnlyDictionary<string, long> DuplicatesRemoved,
    IReadOnlyDictionary<string, long> RejectsByReason)
{
    /// <summary>The snapshot's documents, all sources together.</summary>
    public long Documents => Sources.Sum(s => s.Documents);
}
