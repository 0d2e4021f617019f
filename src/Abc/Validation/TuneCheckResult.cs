namespace MusicPile.Abc;

/// <summary>What checking found for one tune of a file.</summary>
/// <param name="File">The file name given to the check.</param>
/// <param name="Index">0-based position of the tune among the file's <c>X:</c> tunes.</param>
/// <param name="X">The <c>X:</c> value as written.</param>
/// <param name="Fatal">True when a diagnostic is fatal (the tune is unusable).</param>
/// <param name="Diagnostics">All diagnostics, sorted by position.</param>
public sealed record TuneCheckResult(string File, int Index, string X, bool Fatal, IReadOnlyList<AbcDiagnostic> Diagnostics);
