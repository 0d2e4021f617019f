namespace MusicPile.Abc;

/// <summary>Decoded file text and the repair applied, if any.</summary>
/// <param name="Text">The text.</param>
/// <param name="RepairedFrom">Null when the bytes were clean UTF-8; else the encoding repaired (<see cref="AbcText.Cp1252"/>...).</param>
public sealed record DecodedText(string Text, string? RepairedFrom);
