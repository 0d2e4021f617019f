namespace MusicPile.Abc;

/// <summary>How a transposition moves letters: the new key is the one with fewest accidentals, letters move by the tonic's steps.</summary>
internal sealed class TranspositionPlan
{
    public TranspositionPlan(AbcKey key, int semitones)
    {
        Semitones = semitones;
        var keyed = key.Tonic.Length > 0;
        var fifths = keyed ? key.Fifths : 0;
        var mode = keyed ? key.Mode : AbcMode.Major;
        var newFifths = fifths + 7 * semitones;
        newFifths = ((newFifths % 12) + 12) % 12;
        if (newFifths > 6 || (newFifths == 6 && semitones < 0))
            newFifths -= 12;
        var oldTonicFifths = fifths - AbcKey.ModeFifths(mode);
        var newTonicFifths = newFifths - AbcKey.ModeFifths(mode);
        var (oldLetter, _) = FromFifths(oldTonicFifths);
        var (newLetter, newAlt) = FromFifths(newTonicFifths);
        var d = ((AbcKey.LetterIndex(newLetter) - AbcKey.LetterIndex(oldLetter)) % 7 + 7) % 7;
        var best = d;
        for (var k = -4; k <= 4; k++)
        {
            var candidate = d + 7 * k;
            if (Math.Abs(candidate * 12.0 / 7 - semitones) < Math.Abs(best * 12.0 / 7 - semitones))
                best = candidate;
        }
        Steps = best;
        NewTonic = ChordSymbol.Spell(newLetter, newAlt);
        NewKey = keyed ? key with { Tonic = NewTonic, Fifths = newFifths } : key;
    }

    public int Semitones { get; }

    /// <summary>Diatonic steps every letter moves.</summary>
    public int Steps { get; }

    public string NewTonic { get; }

    public AbcKey NewKey { get; }

    /// <summary>A letter and alteration moved by the plan, respelled when it would need a double accidental.</summary>
    public (char Letter, int Alteration) MovePitchClass(char letter, int alteration)
    {
        var index = AbcKey.LetterIndex(letter);
        var newLetter = "CDEFGAB"[(((index + Steps) % 7) + 7) % 7];
        var pc = PitchResolver.NaturalPitchClass(letter) + alteration + Semitones;
        var alt = (((pc - PitchResolver.NaturalPitchClass(newLetter)) % 12) + 18) % 12 - 6;
        if (alt is >= -1 and <= 1)
            return (newLetter, alt);
        var p = ((pc % 12) + 12) % 12;
        return p switch
        {
            1 => ('C', 1), 3 => ('E', -1), 6 => ('F', 1), 8 => ('A', -1), 10 => ('B', -1),
            _ => ("C D EF G A B"[p], 0),
        };
    }

    /// <summary>The major tonic with this many fifths: F=-1, C=0, G=1 ... F#=6, Bb=-2.</summary>
    private static (char Letter, int Alteration) FromFifths(int fifths)
    {
        var index = fifths + 1;
        var letter = "FCGDAEB"[((index % 7) + 7) % 7];
        var alteration = (int)Math.Floor(index / 7.0);
        return (letter, alteration);
    }
}
