namespace MusicPile.Abc;

/// <summary>One tune's place in its file: 0-based index, 1-based first and last lines, and its <c>X:</c> value.</summary>
public sealed record AbcTuneSpan(int Index, int StartLine, int EndLine, string X);
