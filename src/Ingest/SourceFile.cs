namespace MusicPile.Ingest;

/// <summary>One input file of a source as planned for a run: its fingerprint and whether it is new or changed.</summary>
internal sealed record SourceFile(long SourceId, string Source, string Kind, string Path, long SizeBytes, DateTime MtimeUtc, string Sha256, string Change);
