namespace MusicPile.Tokenize;

/// <summary>
/// One corpus document to export. <paramref name="Sha256"/> (hex of the normalised text) decides the split and the
/// sampling; when empty it is computed from <paramref name="Text"/>. When <see cref="Sft"/> is set the document is
/// encoded as an SFT record with a loss mask and <paramref name="Text"/> is ignored.
/// </summary>
public sealed record ExportDocument(long Id, string Text, string Source, string Kind, string Sha256)
{
    /// <summary>The instruction record, for SFT documents.</summary>
    public SftRecord? Sft { get; init; }
}
