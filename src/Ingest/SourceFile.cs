namespace MusicPile.Ingest;

/// <summary>
/// One input file of a source as planned for a run: its fingerprint, whether it is new or changed, the hash of the
/// configuration reading it (<see cref="Core.Pipelines.RecordStages.ProducerHash"/>), and whether the records the
/// catalog holds for it may be carried over.
/// </summary>
internal sealed record SourceFile(long SourceId, string Source, string Kind, string Path, long SizeBytes, DateTime MtimeUtc, string Sha256, string Change,
    string Producer = "", bool Reuse = false);
