namespace MusicPile.Abc;

/// <summary>The chord symbols of a tune in order.</summary>
/// <param name="Chords">Chord names in playing order, consecutive repeats merged.</param>
/// <param name="Bars">Per bar with chord symbols, its chord names joined by spaces (a bar without one repeats nothing).</param>
public sealed record ChordProgression(IReadOnlyList<string> Chords, IReadOnlyList<string> Bars)
{
    /// <summary>A tune without chord symbols.</summary>
    public static ChordProgression Empty { get; } = new([], []);

    /// <summary>How many different chords are used.</summary>
    public int DistinctCount => Chords.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Bar-wise text: <c>| G | D7 G | C |</c>; empty when there are no chords.</summary>
    public string ToBarText() => Bars.Count == 0 ? "" : "| " + string.Join(" | ", Bars) + " |";

    /// <summary>The chords joined by spaces.</summary>
    public override string ToString() => string.Join(" ", Chords);
}
