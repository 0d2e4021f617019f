namespace MusicPile.Samples;

/// <summary>What <see cref="CorpusGenerator"/> wrote: documents and bytes (uncompressed text) per kind, and the files.</summary>
public sealed record GeneratedCorpus(
    string Dir,
    double Scale,
    int Seed,
    long Documents,
    long Bytes,
    IReadOnlyDictionary<string, long> DocumentsByKind,
    IReadOnlyDictionary<string, long> BytesByKind,
    IReadOnlyList<string> Files);
