namespace MusicPile.Abc;

/// <summary>What <see cref="TuneStructure.Analyze"/> found in a tune.</summary>
/// <param name="Sections">The sections in order, labelled.</param>
/// <param name="LetterForm">The letter form, repeated sections written twice when repeats are expanded (<c>AABB</c>, <c>ABB'C</c>).</param>
/// <param name="FormTerm">The name of the form (<see cref="FormTerms"/>).</param>
/// <param name="Motifs">One motif per section that has a repeated figure.</param>
/// <param name="TuneMotif">The most frequent longest figure of the whole tune, or null for a tune with no repeated note.</param>
/// <param name="ChordProgression">The chord symbols in order.</param>
public sealed record TuneStructureResult(
    IReadOnlyList<TuneSection> Sections,
    string LetterForm,
    string FormTerm,
    IReadOnlyList<TuneMotif> Motifs,
    TuneMotif? TuneMotif,
    ChordProgression ChordProgression)
{
    /// <summary>True when the tune has at least one section with notes.</summary>
    public bool HasMusic => Sections.Count > 0;

    /// <summary>The letter form with a space between sections, readable when primes are present (<c>A B B' C</c>).</summary>
    public string SpacedLetterForm => string.Join(" ", FormLetters.Split(LetterForm));
}
