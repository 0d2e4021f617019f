namespace MusicPile.Abc;

/// <summary>The most frequent longest note figure of a section (or of the whole tune).</summary>
/// <param name="Section">0-based section index, or -1 for the whole tune.</param>
/// <param name="Label">The section's label, or empty for the whole tune.</param>
/// <param name="Notes">The figure as ABC notes separated by spaces, lengths relative to the tune's unit length (<c>d2 B A</c>).</param>
/// <param name="Length">Notes in the figure (1..8).</param>
/// <param name="Occurrences">How often it occurs (overlapping occurrences counted).</param>
public sealed record TuneMotif(int Section, string Label, string Notes, int Length, int Occurrences);
