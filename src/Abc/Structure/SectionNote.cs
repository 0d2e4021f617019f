namespace MusicPile.Abc;

/// <summary>One note or rest of a section as the form and motif algorithms see it.</summary>
/// <param name="Pitch">MIDI pitch, or -1 for a rest.</param>
/// <param name="Duration">Sounding duration in whole notes.</param>
/// <param name="Text">The note as ABC with its length relative to the unit length (<c>^f2</c>, <c>z</c>).</param>
internal readonly record struct SectionNote(int Pitch, Rational Duration, string Text);
