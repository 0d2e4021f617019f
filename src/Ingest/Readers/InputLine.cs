namespace MusicPile.Ingest.Readers;

/// <summary>
/// One line of a source file: its number from 1, its bytes without the newline (null when the line was longer than
/// the reader keeps), its full length in bytes, and the read error that ended the file there, if any.
/// </summary>
internal readonly record struct InputLine(int Number, byte[]? Bytes, long Length, string? Error);
