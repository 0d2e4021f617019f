namespace MusicPile.Abc;

/// <summary>A note: accidental, pitch letter and octave, length, tie.</summary>
public sealed record AbcNote : AbcTimedElement
{
    /// <summary>The written accidental.</summary>
    public AbcAccidental Accidental { get; init; }

    /// <summary>The pitch letter, upper case A-G.</summary>
    public char Letter { get; init; } = 'C';

    /// <summary>Octave: 0 for <c>C..B</c> (middle C upwards), 1 for <c>c..b</c>, plus one per <c>'</c>, minus one per <c>,</c>.</summary>
    public int Octave { get; init; }

    /// <summary>A tie <c>-</c> follows the note.</summary>
    public bool Tie { get; init; }

    /// <summary>Diatonic step counted from middle C (C=0, D=1, ... c=7).</summary>
    public int Step => "CDEFGAB".IndexOf(Letter) + 7 * Octave;
}
