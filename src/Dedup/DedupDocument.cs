namespace MusicPile.Dedup;

/// <summary>One document handed to deduplication.</summary>
/// <param name="Id">Stable document id (unique within a run).</param>
/// <param name="Text">The normalised text (ABC tune, prose, chat or SFT record).</param>
/// <param name="Kind"><c>abc</c>, <c>text</c>, <c>chat</c> or <c>sft</c>; picks the shingle unit.</param>
/// <param name="Source">Where the document came from.</param>
/// <param name="MelodyFingerprint">Tune identity up to transposition, ornaments and bar-line spelling; null when not a tune.</param>
/// <param name="DiagnosticCount">Validator diagnostics; fewer is cleaner.</param>
/// <param name="Order">Arrival order (lower is earlier).</param>
/// <param name="ContentHash">Hex SHA-256 of the normalised text when already known; computed otherwise.</param>
public sealed record DedupDocument(
    long Id,
    string Text,
    string Kind,
    string Source,
    string? MelodyFingerprint,
    int DiagnosticCount,
    long Order,
    string? ContentHash = null);
