namespace MusicPile.Serve.Music;

/// <summary>The character steps of a constrained tune body (line handling lives in <see cref="AbcGrammar"/>).</summary>
internal static class AbcBodySteps
{
    private const int MaxChordNotes = 4;

    public static bool Step(ref AbcGrammarState s, char c)
    {
        switch (s.Mode)
        {
            case BodyMode.Bar:
                if (c is '|' or ']' or ':' or '1' or '2')
                {
                    s.Mode = BodyMode.AfterBar;
                    return true;
                }
                return StartElement(ref s, c, afterBar: true);
            case BodyMode.ColonBar:
                if (c == '2')
                {
                    s.Mode = BodyMode.AfterBar;
                    return true;
                }
                return StartElement(ref s, c, afterBar: true);
            case BodyMode.Colon:
                if (c == '|') s.Mode = BodyMode.ColonBar;
                else if (c == ':') s.Mode = BodyMode.AfterBar;
                else return false;
                return true;
            case BodyMode.Sharp or BodyMode.Flat:
                if (c == (s.Mode == BodyMode.Sharp ? '^' : '_'))
                {
                    s.Mode = BodyMode.Accidental;
                    return true;
                }
                return IsPitch(c) && Pitch(ref s, c);
            case BodyMode.Accidental:
                return IsPitch(c) && Pitch(ref s, c);
            case BodyMode.ChordOpen:
                return StartChordNote(ref s, c);
            case BodyMode.Pitch:
                if (c == ',' && s.UpperPitch && s.Octaves < 2 || c == '\'' && !s.UpperPitch && s.Octaves < 2)
                {
                    s.Octaves++;
                    return true;
                }
                if (s.InChord)
                {
                    if (c != ']') return s.ChordNotes < MaxChordNotes && StartChordNote(ref s, c);
                    s.InChord = false;
                    s.Mode = BodyMode.ChordClosed;
                    return true;
                }
                return Length(ref s, c) || StartElement(ref s, c, afterBar: false);
            case BodyMode.Rest or BodyMode.ChordClosed:
                return Length(ref s, c) || StartElement(ref s, c, afterBar: false);
            case BodyMode.LengthDigit:
                if (s.FirstDigit == 1 && c is >= '0' and <= '6')
                {
                    s.Mode = BodyMode.LengthDigits;
                    return true;
                }
                return Slash(ref s, c) || StartElement(ref s, c, afterBar: false);
            case BodyMode.LengthDigits:
                return Slash(ref s, c) || StartElement(ref s, c, afterBar: false);
            case BodyMode.LengthSlash:
                if (c is '2' or '4' or '8')
                {
                    s.Mode = BodyMode.LengthDone;
                    return true;
                }
                return StartElement(ref s, c, afterBar: false);
            case BodyMode.AfterBar:
                return StartElement(ref s, c, afterBar: true);
            default:
                return StartElement(ref s, c, afterBar: false);
        }
    }

    private static bool StartElement(ref AbcGrammarState s, char c, bool afterBar)
    {
        switch (c)
        {
            case ' ':
                s.Mode = afterBar ? BodyMode.AfterBar : BodyMode.Boundary;
                return true;
            case 'z':
                s.Mode = BodyMode.Rest;
                s.LineHasNote = s.BodyHasNote = true;
                return true;
            case '|' when !afterBar:
                s.Mode = BodyMode.Bar;
                return true;
            case ':' when !afterBar:
                s.Mode = BodyMode.Colon;
                return true;
            case '[' when !afterBar:
                s.Mode = BodyMode.ChordOpen;
                s.InChord = true;
                s.ChordNotes = 0;
                return true;
            default:
                return StartChordNote(ref s, c);
        }
    }

    /// <summary>An accidental or a pitch letter: how a note starts, inside a chord or out of one.</summary>
    private static bool StartChordNote(ref AbcGrammarState s, char c)
    {
        switch (c)
        {
            case '^':
                s.Mode = BodyMode.Sharp;
                return true;
            case '_':
                s.Mode = BodyMode.Flat;
                return true;
            case '=':
                s.Mode = BodyMode.Accidental;
                return true;
            default:
                return IsPitch(c) && Pitch(ref s, c);
        }
    }

    private static bool Pitch(ref AbcGrammarState s, char c)
    {
        s.Mode = BodyMode.Pitch;
        s.UpperPitch = char.IsAsciiLetterUpper(c);
        s.Octaves = 0;
        s.LineHasNote = s.BodyHasNote = true;
        if (s.InChord) s.ChordNotes++;
        return true;
    }

    private static bool Length(ref AbcGrammarState s, char c)
    {
        if (c is >= '1' and <= '9')
        {
            s.Mode = BodyMode.LengthDigit;
            s.FirstDigit = (byte)(c - '0');
            return true;
        }
        return Slash(ref s, c);
    }

    private static bool Slash(ref AbcGrammarState s, char c)
    {
        if (c != '/') return false;
        s.Mode = BodyMode.LengthSlash;
        return true;
    }

    private static bool IsPitch(char c) => c is >= 'A' and <= 'G' or >= 'a' and <= 'g';
}
