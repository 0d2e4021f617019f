namespace MusicPile.Abc;

internal sealed partial class BodyParser
{
    private static readonly System.Buffers.SearchValues<char> ShorthandDecorations = System.Buffers.SearchValues.Create(".~HLMOPSTuvJR");

    /// <summary>Scans the music symbols of one line between two offsets of the file text.</summary>
    private void ParseMusic(int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var c = _text[i];
            switch (c)
            {
                case ' ' or '\t' or '`':
                    if (c != '`')
                        _voice.SawSpace = true;
                    i++;
                    break;
                case '|':
                    i = ScanBar(i, end);
                    break;
                case ':' when i + 1 < end && _text[i + 1] is '|' or ':':
                    i = ScanBar(i, end);
                    break;
                case '.' when i + 1 < end && _text[i + 1] == '|':
                    i = ScanBar(i, end);
                    break;
                case '[':
                    i = ScanBracket(i, end);
                    break;
                case ']':
                    Warn(DiagnosticCodes.UnbalancedChord, At(i), "']' without a matching '['");
                    i++;
                    break;
                case '{':
                    i = ScanGrace(i, end);
                    break;
                case '}':
                    Warn(DiagnosticCodes.UnbalancedGrace, At(i), "'}' without a matching '{'");
                    i++;
                    break;
                case '"':
                    i = ScanQuoted(i, end);
                    break;
                case '!' or '+':
                    i = ScanDelimitedDecoration(i, end, null);
                    break;
                case '(':
                    i = ScanParen(i, end);
                    break;
                case ')':
                    if (_voice.OpenSlurs.Count > 0)
                        _voice.OpenSlurs.Pop();
                    else
                    {
                        if (_voice.StraySlurEnds == 0)
                            _voice.FirstStraySlurEnd = At(i);
                        _voice.StraySlurEnds++;
                    }
                    _voice.Add(new AbcSlur(false) { Line = _line, Column = i - _lineStart + 1 });
                    i++;
                    break;
                case '>' or '<':
                    i = ScanBroken(i, end);
                    break;
                case '-':
                    TieLast(i);
                    i++;
                    break;
                case 'y' or '&':
                    _voice.Add(new AbcSpacer(c) { Line = _line, Column = i - _lineStart + 1 });
                    i++;
                    break;
                case 'z' or 'x' or 'Z' or 'X':
                    i = ScanRest(i, end);
                    break;
                case '^' or '_' or '=' or (>= 'A' and <= 'G') or (>= 'a' and <= 'g'):
                    i = ScanNoteElement(i, end);
                    break;
                default:
                    if (ShorthandDecorations.Contains(c))
                    {
                        _voice.Add(new AbcDecoration(SymbolText.Of(c), c) { Line = _line, Column = i - _lineStart + 1 });
                        i++;
                    }
                    else if (char.IsAsciiDigit(c) || c == '/')
                    {
                        Warn(DiagnosticCodes.MalformedNote, At(i), "length without a note");
                        i++;
                        while (i < end && (char.IsAsciiDigit(_text[i]) || _text[i] == '/'))
                            i++;
                    }
                    else
                    {
                        if (c != '\\' && c != '$' && c != '*')
                            Warn(DiagnosticCodes.UnexpectedCharacter, At(i), $"unexpected character '{c}'");
                        i++;
                    }
                    break;
            }
        }
    }

    private int ScanBar(int i, int end)
    {
        var start = i;
        var j = i + 1;
        while (j < end)
        {
            var c = _text[j];
            if (c is '|' or ':')
                j++;
            else if (c == ']' && _text[j - 1] == '|')
            {
                j++;
                break;
            }
            else if (c == '[' && j + 1 < end && _text[j + 1] == '|')
                j++;
            else
                break;
        }
        var kind = SymbolText.Of(_text.AsSpan(start, j - start));
        string? ending = null;
        if (j < end && char.IsAsciiDigit(_text[j]))
        {
            var k = ScanEndingText(j, end);
            ending = SymbolText.Of(_text.AsSpan(j, k - j));
            j = k;
        }
        else
        {
            var k = j;
            while (k < end && _text[k] == ' ')
                k++;
            if (k + 1 < end && _text[k] == '[' && char.IsAsciiDigit(_text[k + 1]))
            {
                var e = ScanEndingText(k + 1, end);
                ending = SymbolText.Of(_text.AsSpan(k + 1, e - k - 1));
                j = e;
            }
        }
        AddBarLine(new AbcBarLine(kind, ending) { Line = _line, Column = start - _lineStart + 1 });
        return j;
    }

    private int ScanEndingText(int j, int end)
    {
        while (j < end && (char.IsAsciiDigit(_text[j]) || (_text[j] is ',' or '-' && j + 1 < end && char.IsAsciiDigit(_text[j + 1]))))
            j++;
        return j;
    }

    private void AddBarLine(AbcBarLine bar)
    {
        if (_voice.HasPendingBroken)
        {
            Warn(DiagnosticCodes.BrokenRhythmWithoutPartner, _voice.PendingBrokenAt, "broken rhythm with no note after it in the bar");
            _voice.HasPendingBroken = false;
        }
        _voice.Add(bar);
        _voice.CloseBar();
    }

    private int ScanBracket(int i, int end)
    {
        if (i + 1 < end && _text[i + 1] == '|')
            return ScanBar(i, end);
        if (i + 1 < end && char.IsAsciiDigit(_text[i + 1]))
        {
            var e = ScanEndingText(i + 1, end);
            var ending = SymbolText.Of(_text.AsSpan(i + 1, e - i - 1));
            if (_voice.Current.Count == 0 && _voice.Bars.Count > 0 && _voice.Bars[^1].Elements is List<AbcElement> { Count: > 0 } last
                && last[^1] is AbcBarLine { Ending: null } previous)
            {
                last[^1] = previous with { Ending = ending };
                return e;
            }
            _voice.Add(new AbcBarLine("", ending) { Line = _line, Column = i - _lineStart + 1 });
            return e;
        }
        if (i + 2 < end && char.IsAsciiLetter(_text[i + 1]) && _text[i + 2] == ':')
            return ScanInlineField(i, end);
        return ScanChord(i, end);
    }

    private int ScanInlineField(int i, int end)
    {
        var close = _text.IndexOf(']', i, end - i);
        var name = _text[i + 1];
        if (close < 0)
        {
            Warn(DiagnosticCodes.UnbalancedInlineField, At(i), $"inline field [{name}: without ']'");
            close = end;
        }
        var value = FieldText.Value(name, _text.AsSpan(i + 3, close - i - 3));
        if (name == 'V')
            SwitchVoice(value);
        else
        {
            ApplyField(name, value, i - _lineStart + 4);
            _voice.Add(new AbcFieldElement(name, value, true) { Line = _line, Column = i - _lineStart + 1 });
        }
        return Math.Min(close + 1, end);
    }

    private int ScanQuoted(int i, int end)
    {
        var close = _text.IndexOf('"', i + 1, end - i - 1);
        if (close < 0)
        {
            Warn(DiagnosticCodes.UnbalancedQuote, At(i), "quoted text not closed on its line");
            close = end;
        }
        var text = _text.AsSpan(i + 1, close - i - 1);
        var col = i - _lineStart + 1;
        if (text.Length > 0 && text[0] is '^' or '_' or '<' or '>' or '@')
            _voice.Add(new AbcAnnotation(text[0], text[1..].ToString()) { Line = _line, Column = col });
        else
            _voice.Add(new AbcChordSymbol(text.ToString()) { Line = _line, Column = col });
        return Math.Min(close + 1, end);
    }

    /// <summary><c>!name!</c> or <c>+name+</c>; a lone <c>!</c> (old line-break use) or <c>+</c> is reported and skipped.</summary>
    private int ScanDelimitedDecoration(int i, int end, List<string>? names)
    {
        var d = _text[i];
        var j = i + 1;
        while (j < end && j - i <= 40 && _text[j] != d && !char.IsWhiteSpace(_text[j]) && _text[j] != '|')
            j++;
        if (j >= end || _text[j] != d || j == i + 1)
        {
            Warn(DiagnosticCodes.UnbalancedDecoration, At(i), $"'{d}' does not open a closed decoration");
            return i + 1;
        }
        var name = _text[(i + 1)..j];
        if (!DecorationNames.IsKnown(name))
            Warn(DiagnosticCodes.UnknownDecoration, At(i), $"unknown decoration '{name}'");
        if (names is not null)
            names.Add(name);
        else
            _voice.Add(new AbcDecoration(name, d) { Line = _line, Column = i - _lineStart + 1 });
        return j + 1;
    }

    private int ScanParen(int i, int end)
    {
        if (i + 1 < end && char.IsAsciiDigit(_text[i + 1]))
            return ScanTuplet(i, end);
        _voice.OpenSlurs.Push(At(i));
        if (_voice.OpenSlurs.Count > 10_000)
            _voice.OpenSlurs.Clear();
        _voice.Add(new AbcSlur(true) { Line = _line, Column = i - _lineStart + 1 });
        return i + 1;
    }

    private int ScanBroken(int i, int end)
    {
        var c = _text[i];
        var j = i;
        while (j < end && _text[j] == c)
            j++;
        var count = Math.Min(j - i, 3);
        var prev = _voice.LastTimedIndex;
        if (prev < 0 || _voice.HasPendingBroken)
        {
            Warn(DiagnosticCodes.BrokenRhythmWithoutPartner, At(i), "broken rhythm with no note before it in the bar");
            _voice.Add(new AbcBrokenRhythm(c, count) { Line = _line, Column = i - _lineStart + 1 });
            return j;
        }
        var small = new Rational(1, 1L << count);
        var large = new Rational(2, 1) - small;
        var t = (AbcTimedElement)_voice.Current[prev];
        _voice.Current[prev] = t with { Duration = t.Duration * (c == '>' ? large : small) };
        _voice.HasPendingBroken = true;
        _voice.PendingBrokenFactor = c == '>' ? small : large;
        _voice.PendingBrokenAt = At(i);
        _voice.Add(new AbcBrokenRhythm(c, count) { Line = _line, Column = i - _lineStart + 1 });
        return j;
    }

    private void TieLast(int i)
    {
        var cur = _voice.Current;
        if (cur.Count > 0 && cur[^1] is AbcNote { Tie: false } n)
            cur[^1] = n with { Tie = true };
        else if (cur.Count > 0 && cur[^1] is AbcChord { Tie: false } ch)
            cur[^1] = ch with { Tie = true };
        else
            Warn(DiagnosticCodes.TieWithoutPartner, At(i), "tie '-' with no note before it");
    }
}
