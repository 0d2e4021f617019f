namespace MusicPile.Abc;

/// <summary>An element that takes time: a note, a rest or a chord.</summary>
public abstract record AbcTimedElement : AbcElement
{
    /// <summary>The length as written, a multiple of the unit note length (<c>3/2</c> for <c>A3/2</c>; a bar count for <c>Z</c>).</summary>
    public Rational Length { get; init; } = Rational.One;

    /// <summary>Sounding time in whole notes after unit length, broken rhythm and tuplets (zero for grace notes).</summary>
    public Rational Duration { get; init; }

    /// <summary>Whitespace separated it from the previous note of the same bar and line (ends a beam).</summary>
    public bool BeamBreak { get; init; }
}
