using MusicPile.Abc;
using MusicPile.Core.Records;

namespace MusicPile.Dedup;

/// <summary>One document handed to deduplication.</summary>
/// <param name="Id">Stable document id (unique within a run).</param>
/// <param name="Text">The normalised text (ABC tune, prose, chat or SFT record).</param>
/// <param name="Kind"><c>abc</c>, <c>text</c>, <c>chat</c> or <c>sft</c>; picks the shingle unit.</param>
/// <param name="Source">Where the document came from.</param>
/// <param name="MelodyFingerprint">Tune identity up to transposition, ornaments and bar-line spelling; null when not a tune.</param>
/// <param name="DiagnosticCount">Validator warnings of <paramref name="Text"/>; fewer is cleaner.</param>
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
    string? ContentHash = null)
{
    /// <summary>
    /// A corpus record as dedup sees it. A tune's fingerprint and warnings come from the <see cref="TuneFacts"/> the
    /// normalize stage kept in its meta; a tune without them (a shard written before they were kept, or one that
    /// was not normalised) is parsed here instead.
    /// </summary>
    public static DedupDocument Of(CorpusRecord record, long order)
    {
        ArgumentNullException.ThrowIfNull(record);
        var facts = record.Kind == CorpusRecord.Kinds.Abc ? TuneFacts.Read(record.Meta) ?? Parse(record.Text) : null;
        return new DedupDocument(record.Id, record.Text, record.Kind, record.Src, facts?.MelodyFingerprint, facts?.Warnings ?? 0, order, record.Sha256);
    }

    private static TuneFacts? Parse(string text)
    {
        if (AbcDocument.ParseTune(text) is not { } tune)
            return null;
        var digest = TuneDigest.Of(tune);
        return new TuneFacts(digest.MelodyFingerprint, digest.Warnings);
    }
}
