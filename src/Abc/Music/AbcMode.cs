namespace MusicPile.Abc;

/// <summary>The mode of a key signature.</summary>
public enum AbcMode
{
    /// <summary>Major (ionian).</summary>
    Major,

    /// <summary>Minor (aeolian).</summary>
    Minor,

    /// <summary>Mixolydian.</summary>
    Mixolydian,

    /// <summary>Dorian.</summary>
    Dorian,

    /// <summary>Phrygian.</summary>
    Phrygian,

    /// <summary>Lydian.</summary>
    Lydian,

    /// <summary>Locrian.</summary>
    Locrian,
}
