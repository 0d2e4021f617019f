namespace MusicPile.Abc;

/// <summary>One section of a tune, between section bar lines (<c>[| || |] |: :: :|</c>).</summary>
/// <param name="Index">0-based position among the sections.</param>
/// <param name="Label">The letter given by the form algorithm, with primes for variations (<c>A</c>, <c>B'</c>).</param>
/// <param name="FirstBar">1-based number of its first bar with notes, counted over the analysed voice.</param>
/// <param name="BarCount">How many bars with notes it holds (endings included).</param>
/// <param name="Repeated">Closed by a repeat sign, so it is played twice.</param>
/// <param name="NoteCount">Notes and rests in it.</param>
/// <param name="MatchedSection">The earlier section it resembles most, or null for the first.</param>
/// <param name="Similarity">Similarity (0-10) to <paramref name="MatchedSection"/>; 0 for the first.</param>
public sealed record TuneSection(int Index, string Label, int FirstBar, int BarCount, bool Repeated, int NoteCount, int? MatchedSection, double Similarity)
{
    /// <summary>The label without primes.</summary>
    public char Letter => Label[0];

    /// <summary>Bars spanned, as <c>1-8</c>.</summary>
    public string BarRange => BarCount <= 1 ? $"{FirstBar}" : $"{FirstBar}-{FirstBar + BarCount - 1}";
}
