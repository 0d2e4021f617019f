namespace MusicPile.Abc;

/// <summary>A file's header fields and where its tunes are, as <see cref="AbcDocument.Split"/> finds them.</summary>
public sealed record AbcFileLayout(IReadOnlyList<AbcField> FileHeader, IReadOnlyList<AbcTuneSpan> Tunes);
