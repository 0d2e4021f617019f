namespace MusicPile.Tokenize;

/// <summary>A written file, its path relative to the manifest, size and sha256.</summary>
public sealed record ExportFile(string Path, long Bytes, string Sha256);
