namespace MusicPile.Serve.Music;

/// <summary>A small copyable position in the constrained ABC language (see <see cref="AbcGrammar"/>).</summary>
internal struct AbcGrammarState
{
    public HeaderPhase Phase;
    public int Node;
    public BodyMode Mode;
    public bool InChord;
    public byte ChordNotes;
    public byte Octaves;
    public byte FirstDigit;
    public bool UpperPitch;
    public bool LineHasNote;
    public bool BodyHasNote;
    public bool LineStartsWithLetter;
    public int LineLength;
}

/// <summary>What the body has just read.</summary>
internal enum BodyMode : byte
{
    /// <summary>Between elements.</summary>
    Boundary,

    /// <summary>After a complete bar line: no second bar line or chord may follow at once.</summary>
    AfterBar,

    /// <summary>After a single <c>|</c>, which may grow into <c>||</c>, <c>|]</c>, <c>|:</c>, <c>|1</c>, <c>|2</c>.</summary>
    Bar,

    /// <summary>After <c>:</c>, which must become <c>:|</c> or <c>::</c>.</summary>
    Colon,

    /// <summary>After <c>:|</c>, which may take an ending number.</summary>
    ColonBar,

    /// <summary>After <c>^</c> (a second one makes a double sharp).</summary>
    Sharp,

    /// <summary>After <c>_</c> (a second one makes a double flat).</summary>
    Flat,

    /// <summary>After a complete accidental; a pitch letter must follow.</summary>
    Accidental,

    /// <summary>After a pitch letter (octave marks, a length or the next element may follow).</summary>
    Pitch,

    /// <summary>After a rest <c>z</c>.</summary>
    Rest,

    /// <summary>After the first digit of a length.</summary>
    LengthDigit,

    /// <summary>After two digits of a length.</summary>
    LengthDigits,

    /// <summary>After the slash of a length.</summary>
    LengthSlash,

    /// <summary>After a complete length.</summary>
    LengthDone,

    /// <summary>After <c>[</c>: a chord note must follow.</summary>
    ChordOpen,

    /// <summary>After <c>]</c> closing a chord (a length may follow).</summary>
    ChordClosed,
}
