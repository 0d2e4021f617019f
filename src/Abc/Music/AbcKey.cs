namespace MusicPile.Abc;

/// <summary>A key signature from <c>K:</c>: tonic and mode, or none / Highland pipes, explicit accidentals, clef.</summary>
public sealed record AbcKey
{
    private static readonly string Letters = "CDEFGAB";

    /// <summary>The tonic as written with its accidental (<c>F#</c>, <c>Bb</c>); empty for <c>K:none</c> and explicit-only keys.</summary>
    public string Tonic { get; init; } = "C";

    /// <summary>The mode.</summary>
    public AbcMode Mode { get; init; }

    /// <summary><c>K:none</c>: no signature at all.</summary>
    public bool IsNone { get; init; }

    /// <summary><c>K:HP</c> or <c>K:Hp</c> (Highland pipes).</summary>
    public bool IsHighlandPipes { get; init; }

    /// <summary>Sharps (positive) or flats (negative) of the tonic and mode, before explicit accidentals.</summary>
    public int Fifths { get; init; }

    /// <summary>Accidentals written after the key (<c>K:D =c ^g</c>): letter and alteration in semitones.</summary>
    public IReadOnlyList<(char Letter, int Alteration)> ExplicitAccidentals { get; init; } = [];

    /// <summary>The clef, from <c>clef=</c> or a bare clef name, or null.</summary>
    public string? Clef { get; init; }

    /// <summary>What followed the key proper (clef, transpose=, middle=...), kept verbatim.</summary>
    public string Extra { get; init; } = "";

    /// <summary>C major.</summary>
    public static AbcKey CMajor { get; } = new();

    /// <summary>Alteration in semitones the signature gives a letter (upper case).</summary>
    public int AlterationOf(char letter)
    {
        foreach (var (l, a) in ExplicitAccidentals)
        {
            if (l == letter)
                return a;
        }
        if (IsNone)
            return 0;
        if (IsHighlandPipes)
            return letter is 'F' or 'C' ? 1 : 0;
        const string sharps = "FCGDAEB";
        const string flats = "BEADGCF";
        if (Fifths > 0)
            return sharps.IndexOf(letter) < Fifths ? 1 : 0;
        if (Fifths < 0)
            return flats.IndexOf(letter) < -Fifths ? -1 : 0;
        return 0;
    }

    /// <summary>Reads a <c>K:</c> value; false (and C major) when the tonic or mode cannot be read.</summary>
    public static bool TryParse(string value, out AbcKey key) => KeyParser.TryParse(value, out key);

    internal static int LetterIndex(char letter) => Letters.IndexOf(char.ToUpperInvariant(letter));

    /// <summary>Semitone offset of a mode's tonic below/above the relative major, as fifths.</summary>
    internal static int ModeFifths(AbcMode mode) => mode switch
    {
        AbcMode.Major => 0,
        AbcMode.Mixolydian => -1,
        AbcMode.Dorian => -2,
        AbcMode.Minor => -3,
        AbcMode.Phrygian => -4,
        AbcMode.Locrian => -5,
        AbcMode.Lydian => 1,
        _ => 0,
    };
}
