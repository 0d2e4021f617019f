namespace MusicPile.Abc;

/// <summary>Sounding pitch of notes: key signature plus accidentals that carry to the end of the bar (ABC 2.1).</summary>
internal sealed class PitchResolver(AbcKey key)
{
    private readonly Dictionary<int, int> _carry = [];

    public AbcKey Key { get; set; } = key;

    public void NewBar() => _carry.Clear();

    /// <summary>MIDI number of a note (middle C, <c>C</c>, is 60), updating the bar's carried accidentals.</summary>
    public int Midi(AbcNote note) => NaturalMidi(note.Letter, note.Octave) + Alteration(note);

    /// <summary>The alteration in semitones that applies to the note.</summary>
    public int Alteration(AbcNote note)
    {
        var step = note.Step;
        if (note.Accidental != AbcAccidental.None)
        {
            var a = AccidentalValue(note.Accidental);
            _carry[step] = a;
            return a;
        }
        return _carry.TryGetValue(step, out var carried) ? carried : Key.AlterationOf(note.Letter);
    }

    /// <summary>What a note without an accidental would get at this point, without changing state.</summary>
    public int Expected(char letter, int octave) =>
        _carry.TryGetValue(AbcKey.LetterIndex(letter) + 7 * octave, out var carried) ? carried : Key.AlterationOf(letter);

    public void Carry(char letter, int octave, int alteration) => _carry[AbcKey.LetterIndex(letter) + 7 * octave] = alteration;

    public static int NaturalMidi(char letter, int octave) => 60 + 12 * octave + NaturalPitchClass(letter);

    public static int NaturalPitchClass(char letter) => letter switch
    {
        'C' => 0,
        'D' => 2,
        'E' => 4,
        'F' => 5,
        'G' => 7,
        'A' => 9,
        _ => 11,
    };

    public static int AccidentalValue(AbcAccidental a) => a switch
    {
        AbcAccidental.Sharp => 1,
        AbcAccidental.DoubleSharp => 2,
        AbcAccidental.Flat => -1,
        AbcAccidental.DoubleFlat => -2,
        _ => 0,
    };

    public static AbcAccidental FromValue(int alteration) => alteration switch
    {
        1 => AbcAccidental.Sharp,
        2 => AbcAccidental.DoubleSharp,
        -1 => AbcAccidental.Flat,
        -2 => AbcAccidental.DoubleFlat,
        _ => AbcAccidental.Natural,
    };
}
