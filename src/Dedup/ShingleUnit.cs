namespace MusicPile.Dedup;

/// <summary>The token a shingle is made of.</summary>
public enum ShingleUnit
{
    /// <summary>Lower-cased words (letters and digits), punctuation dropped.</summary>
    Words = 0,

    /// <summary>ABC note, rest and chord tokens of the tune body (headers, comments, chord symbols and decorations skipped).</summary>
    AbcNotes = 1,

    /// <summary>Whole ABC bars: the note tokens between two bar lines form one token.</summary>
    AbcBars = 2,
}
