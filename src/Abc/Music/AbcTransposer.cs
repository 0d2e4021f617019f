namespace MusicPile.Abc;

/// <summary>Transposes a tune by semitones: key signatures, notes (spelled in the new key), chord symbols.</summary>
public static class AbcTransposer
{
    /// <summary>A transposed copy of the tune; 0 returns it unchanged.</summary>
    public static AbcTune Transpose(AbcTune tune, int semitones)
    {
        ArgumentNullException.ThrowIfNull(tune);
        if (semitones == 0)
            return tune;
        var plan = new TranspositionPlan(tune.Key, semitones);
        var header = tune.Header.Select(f => f.Name == 'K' ? f with { Value = TransposeKeyText(f.Value, semitones) } : f).ToList();
        var readable = AbcKey.TryParse(header.LastOrDefault(f => f.Name == 'K')?.Value ?? "", out var k);
        // An unreadable K: is kept as written and read back as C major, so notes are spelled against C major.
        var writtenKey = readable ? plan.NewKey : AbcKey.CMajor;
        var voices = tune.Voices.Select(v => v with { Bars = TransposeVoice(tune, v, semitones, plan, writtenKey) }).ToList();
        var newKey = readable ? k : tune.Key;
        return tune with { Header = header, Voices = voices, Key = newKey };
    }

    /// <summary>The <c>K:</c> value moved by semitones; none, pipes and unreadable values are kept.</summary>
    public static string TransposeKeyText(string value, int semitones)
    {
        if (!AbcKey.TryParse(value, out var key) || key.Tonic.Length == 0)
            return value;
        var trimmed = value.TrimStart();
        if (trimmed.Length < key.Tonic.Length || !trimmed.StartsWith(key.Tonic, StringComparison.OrdinalIgnoreCase))
            return value;
        var plan = new TranspositionPlan(key, semitones);
        return plan.NewTonic + trimmed[key.Tonic.Length..];
    }

    private static List<AbcBar> TransposeVoice(AbcTune tune, AbcVoice voice, int semitones, TranspositionPlan plan, AbcKey writtenKey)
    {
        var oldPitch = new PitchResolver(tune.Key);
        var newPitch = new PitchResolver(writtenKey);
        var bars = new List<AbcBar>(voice.Bars.Count);
        foreach (var bar in voice.Bars)
        {
            oldPitch.NewBar();
            newPitch.NewBar();
            var elements = new List<AbcElement>(bar.Elements.Count);
            foreach (var e in bar.Elements)
            {
                switch (e)
                {
                    case AbcFieldElement { Name: 'K' } f:
                        var text = TransposeKeyText(f.Value, semitones);
                        if (AbcKey.TryParse(f.Value, out var ok))
                        {
                            oldPitch.Key = ok;
                            plan = new TranspositionPlan(ok, semitones);
                        }
                        // A player keeps the key in force when an inline K: cannot be read, and so does this.
                        if (AbcKey.TryParse(text, out var nk))
                            newPitch.Key = nk;
                        elements.Add(f with { Value = text });
                        break;
                    case AbcNote n:
                        elements.Add(Note(n, plan, oldPitch, newPitch));
                        break;
                    case AbcChord c:
                        elements.Add(c with { Notes = c.Notes.Select(n => Note(n, plan, oldPitch, newPitch)).ToList() });
                        break;
                    case AbcGraceGroup g:
                        elements.Add(g with { Notes = g.Notes.Select(n => Note(n, plan, oldPitch, newPitch)).ToList() });
                        break;
                    case AbcChordSymbol cs:
                        elements.Add(cs with { Text = TransposeChordText(cs.Text, plan) });
                        break;
                    default:
                        elements.Add(e);
                        break;
                }
            }
            bars.Add(new AbcBar(elements));
        }
        return bars;
    }

    private static AbcNote Note(AbcNote n, TranspositionPlan plan, PitchResolver oldPitch, PitchResolver newPitch)
    {
        var midi = oldPitch.Midi(n) + plan.Semitones;
        var step = n.Step + plan.Steps;
        var letter = "CDEFGAB"[((step % 7) + 7) % 7];
        var octave = (int)Math.Floor(step / 7.0);
        var alteration = midi - PitchResolver.NaturalMidi(letter, octave);
        if (alteration is > 2 or < -2)
        {
            (letter, octave, alteration) = Respell(midi);
        }
        var accidental = AbcAccidental.None;
        if (n.Accidental != AbcAccidental.None || newPitch.Expected(letter, octave) != alteration)
        {
            accidental = PitchResolver.FromValue(alteration);
            newPitch.Carry(letter, octave, alteration);
        }
        return n with { Letter = letter, Octave = octave, Accidental = accidental };
    }

    private static (char Letter, int Octave, int Alteration) Respell(int midi)
    {
        var pc = ((midi % 12) + 12) % 12;
        var octave = (int)Math.Floor((midi - 60) / 12.0);
        var (letter, alt) = pc switch
        {
            0 => ('C', 0), 1 => ('C', 1), 2 => ('D', 0), 3 => ('E', -1), 4 => ('E', 0), 5 => ('F', 0),
            6 => ('F', 1), 7 => ('G', 0), 8 => ('A', -1), 9 => ('A', 0), 10 => ('B', -1), _ => ('B', 0),
        };
        return (letter, octave, alt);
    }

    /// <summary>Moves every chord name in a chord symbol (<c>Am7</c>, <c>F#/C#</c>); other text is kept.</summary>
    internal static string TransposeChordText(string text, TranspositionPlan plan)
    {
        if (!ChordSymbol.TryParse(text, out var chord))
            return text;
        var (root, rootAlt) = plan.MovePitchClass(chord.RootLetter, chord.RootAlteration);
        var result = ChordSymbol.Spell(root, rootAlt) + chord.Quality;
        if (chord.BassLetter is { } bass)
        {
            var (b, bAlt) = plan.MovePitchClass(bass, chord.BassAlteration);
            result += "/" + ChordSymbol.Spell(b, bAlt);
        }
        return result;
    }
}
