namespace MusicPile.Tokenize;

/// <summary>
/// Per-source counts: documents read, and documents and tokens written to each split after weighting
/// (tokens include each document's EOS where the format adds one).
/// </summary>
public sealed record SourceTokenCount(
    string Source,
    double Weight,
    long InputDocuments,
    long TrainDocuments,
    long TrainTokens,
    long ValidationDocuments,
    long ValidationTokens);
