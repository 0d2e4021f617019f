namespace MusicPile.Abc;

/// <summary>An accidental written before a note.</summary>
public enum AbcAccidental
{
    /// <summary>No accidental: the key signature or an earlier accidental in the bar applies.</summary>
    None,

    /// <summary><c>=</c></summary>
    Natural,

    /// <summary><c>^</c></summary>
    Sharp,

    /// <summary><c>^^</c></summary>
    DoubleSharp,

    /// <summary><c>_</c></summary>
    Flat,

    /// <summary><c>__</c></summary>
    DoubleFlat,
}
