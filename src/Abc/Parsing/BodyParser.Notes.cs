namespace MusicPile.Abc;

internal sealed partial class BodyParser
{
    private const int MaxChordNotes = 64;

    /// <summary>A note as scanned, before its duration is known.</summary>
    private readonly record struct ScannedPitch(AbcAccidental Accidental, char Letter, int Octave, Rational Length, bool Tie, int Column)
    {
        public AbcNote ToNote(int line, Rational duration, bool beamBreak) => new()
        {
            Accidental = Accidental,
            Letter = Letter,
            Octave = Octave,
            Length = Length,
            Tie = Tie,
            Line = line,
            Column = Column,
            Duration = duration,
            BeamBreak = beamBreak,
        };
    }

    private int ScanNoteElement(int i, int end)
    {
        var j = ScanPitch(i, end, out var pitch, out var found);
        if (!found)
            return j;
        var (duration, beamBreak) = NextTimed(_voice.Unit * pitch.Length);
        AddTimed(pitch.ToNote(_line, duration, beamBreak));
        return j;
    }

    /// <summary>Accidental, letter, octave marks, length and tie. Not found (and a diagnostic) when no letter follows an accidental.</summary>
    private int ScanPitch(int i, int end, out ScannedPitch pitch, out bool found)
    {
        pitch = default;
        found = false;
        var start = i;
        var acc = AbcAccidental.None;
        if (_text[i] == '^')
        {
            acc = i + 1 < end && _text[i + 1] == '^' ? AbcAccidental.DoubleSharp : AbcAccidental.Sharp;
            i += acc == AbcAccidental.DoubleSharp ? 2 : 1;
        }
        else if (_text[i] == '_')
        {
            acc = i + 1 < end && _text[i + 1] == '_' ? AbcAccidental.DoubleFlat : AbcAccidental.Flat;
            i += acc == AbcAccidental.DoubleFlat ? 2 : 1;
        }
        else if (_text[i] == '=')
        {
            acc = AbcAccidental.Natural;
            i++;
        }
        if (i >= end || !IsNoteLetter(_text[i]))
        {
            Warn(DiagnosticCodes.MalformedNote, At(start), "accidental without a note letter");
            return i;
        }
        var letter = _text[i];
        var octave = char.IsAsciiLetterLower(letter) ? 1 : 0;
        i++;
        while (i < end && _text[i] is '\'' or ',')
        {
            octave += _text[i] == '\'' ? 1 : -1;
            i++;
        }
        octave = Math.Clamp(octave, -10, 10);
        i = ScanLength(i, end, out var length);
        var tie = false;
        if (i < end && _text[i] == '-')
        {
            tie = true;
            i++;
        }
        pitch = new ScannedPitch(acc, char.ToUpperInvariant(letter), octave, length, tie, start - _lineStart + 1);
        found = true;
        return i;
    }

    private static bool IsNoteLetter(char c) => c is (>= 'A' and <= 'G') or (>= 'a' and <= 'g');

    /// <summary>Lengths: <c>2</c>, <c>3/2</c>, <c>/</c>, <c>//</c>, <c>/4</c>, <c>3/</c>; 1 when absent.</summary>
    private int ScanLength(int i, int end, out Rational length)
    {
        var start = i;
        long num = 1;
        var digits = 0;
        long value = 0;
        while (i < end && char.IsAsciiDigit(_text[i]))
        {
            if (digits < 6)
                value = value * 10 + (_text[i] - '0');
            digits++;
            i++;
        }
        if (digits > 0)
            num = value;
        long den = 1;
        while (i < end && _text[i] == '/')
        {
            i++;
            var d = 0;
            long dv = 0;
            while (i < end && char.IsAsciiDigit(_text[i]))
            {
                if (d < 6)
                    dv = dv * 10 + (_text[i] - '0');
                d++;
                i++;
            }
            den = d > 0 ? den * Math.Max(dv, 1) : den * 2;
            if (den > 1 << 20)
                den = 1 << 20;
        }
        if (digits > 6 || (digits > 0 && num == 0))
        {
            Warn(DiagnosticCodes.MalformedNote, At(start), "note length cannot be read");
            num = Math.Max(num, 1);
        }
        length = new Rational(num, den);
        return i;
    }

    /// <summary>The duration after pending broken rhythm and tuplet (both consumed), and whether the element ends a beam.</summary>
    private (Rational Duration, bool BeamBreak) NextTimed(Rational baseDuration)
    {
        var v = _voice;
        var duration = baseDuration;
        if (v.HasPendingBroken)
        {
            duration *= v.PendingBrokenFactor;
            v.HasPendingBroken = false;
        }
        if (v.TupletRemaining > 0)
        {
            duration *= v.TupletFactor;
            v.TupletRemaining--;
        }
        return (duration, v.SawSpace && v.TimedInLine && v.LastTimedIndex >= 0);
    }

    private void AddTimed(AbcTimedElement element)
    {
        var v = _voice;
        v.Add(element);
        v.LastTimedIndex = v.Current.Count - 1;
        v.SawSpace = false;
        v.TimedInLine = true;
    }

    private int ScanRest(int i, int end)
    {
        var kind = _text[i];
        var j = ScanLength(i + 1, end, out var length);
        var multiMeasure = kind is 'Z' or 'X';
        var (duration, beamBreak) = NextTimed(multiMeasure ? length * (_voice.Meter.BarLength ?? Rational.One) : _voice.Unit * length);
        AddTimed(new AbcRest
        {
            Kind = kind,
            Length = length,
            Line = _line,
            Column = i - _lineStart + 1,
            Duration = duration,
            BeamBreak = beamBreak,
        });
        return j;
    }

    private int ScanChord(int i, int end)
    {
        var start = i;
        i++;
        var notes = new List<AbcNote>();
        var decorations = new List<string>();
        var closed = false;
        while (i < end)
        {
            var c = _text[i];
            if (c == ']')
            {
                closed = true;
                i++;
                break;
            }
            if (c is '^' or '_' or '=' || IsNoteLetter(c))
            {
                i = ScanPitch(i, end, out var n, out var found);
                if (found && notes.Count < MaxChordNotes)
                    notes.Add(n.ToNote(_line, _voice.Unit * n.Length, false));
            }
            else if (c is '!' or '+')
                i = ScanDelimitedDecoration(i, end, decorations);
            else if (ShorthandDecorations.Contains(c))
            {
                decorations.Add(SymbolText.Of(c));
                i++;
            }
            else if (c is ' ' or '\t' or '-')
                i++;
            else
                break;
        }
        if (!closed)
            Warn(DiagnosticCodes.UnbalancedChord, At(start), "chord '[' without its ']'");
        i = ScanLength(i, end, out var length);
        var tie = false;
        if (i < end && _text[i] == '-')
        {
            tie = true;
            i++;
        }
        if (notes.Count == 0)
        {
            Warn(DiagnosticCodes.MalformedNote, At(start), "chord without notes");
            return i;
        }
        var (duration, beamBreak) = NextTimed(_voice.Unit * notes[0].Length * length);
        AddTimed(new AbcChord
        {
            Notes = notes,
            InnerDecorations = decorations,
            Length = length,
            Tie = tie,
            Line = _line,
            Column = start - _lineStart + 1,
            Duration = duration,
            BeamBreak = beamBreak,
        });
        return i;
    }

    private int ScanGrace(int i, int end)
    {
        var start = i;
        i++;
        var acciaccatura = false;
        if (i < end && _text[i] == '/')
        {
            acciaccatura = true;
            i++;
        }
        var notes = new List<AbcNote>();
        var closed = false;
        while (i < end)
        {
            var c = _text[i];
            if (c == '}')
            {
                closed = true;
                i++;
                break;
            }
            if (c is '^' or '_' or '=' || IsNoteLetter(c))
            {
                i = ScanPitch(i, end, out var n, out var found);
                if (found && notes.Count < MaxChordNotes)
                    notes.Add(n.ToNote(_line, Rational.Zero, false));
            }
            else if (c is ' ' or '\t' or '[' or ']' or '/' or '-' or '>' or '<' || ShorthandDecorations.Contains(c))
                i++;
            else
                break;
        }
        if (!closed)
            Warn(DiagnosticCodes.UnbalancedGrace, At(start), "grace notes '{' without '}'");
        _voice.Add(new AbcGraceGroup { Notes = notes, Acciaccatura = acciaccatura, Line = _line, Column = start - _lineStart + 1 });
        return i;
    }

    private int ScanTuplet(int i, int end)
    {
        var start = i;
        var j = i + 1;
        var parts = new int[3];
        var given = new bool[3];
        for (var k = 0; k < 3; k++)
        {
            if (k > 0)
            {
                if (j < end && _text[j] == ':')
                    j++;
                else
                    break;
            }
            var value = 0;
            var digits = 0;
            while (j < end && char.IsAsciiDigit(_text[j]) && digits < 3)
            {
                value = value * 10 + (_text[j] - '0');
                digits++;
                j++;
            }
            parts[k] = value;
            given[k] = digits > 0;
        }
        var p = parts[0];
        if (p < 2 || p > 64)
        {
            Warn(DiagnosticCodes.InvalidTuplet, At(start), $"tuplet ({p} is not allowed");
            return j;
        }
        var q = given[1] && parts[1] > 0 ? parts[1] : DefaultTupletQ(p);
        var r = given[2] && parts[2] > 0 ? Math.Min(parts[2], 256) : p;
        if (_voice.TupletRemaining > 0)
            Warn(DiagnosticCodes.InvalidTuplet, _voice.TupletAt, "tuplet started before the previous one ended");
        _voice.TupletRemaining = r;
        _voice.TupletFactor = new Rational(q, p);
        _voice.TupletAt = At(start);
        _voice.Add(new AbcTuplet(p, q, r) { Line = _line, Column = start - _lineStart + 1 });
        return j;
    }

    private int DefaultTupletQ(int p) => p switch
    {
        2 => 3,
        3 => 2,
        4 => 3,
        6 => 2,
        8 => 3,
        _ => _voice.Meter.IsCompound ? 3 : 2,
    };
}
