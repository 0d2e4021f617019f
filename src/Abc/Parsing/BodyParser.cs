namespace MusicPile.Abc;

/// <summary>Reads the body of a tune line by line into voices and bars. Linear in the input: no recursion, every loop advances.</summary>
internal sealed partial class BodyParser
{
    private readonly SourceLines _lines;
    private readonly string _text;
    private readonly List<AbcDiagnostic> _diagnostics;
    private readonly AbcMeter _headerMeter;
    private readonly Rational _headerUnit;
    private readonly bool _headerUnitExplicit;
    private readonly List<VoiceBuilder> _voices = [];
    private readonly Dictionary<string, VoiceBuilder> _voicesById = new(StringComparer.Ordinal);
    private VoiceBuilder _voice;
    private int _addedAtLineStart;
    private int _line;
    private int _lineStart;

    public BodyParser(SourceLines lines, List<AbcDiagnostic> diagnostics, AbcMeter meter, Rational unit, IReadOnlyList<AbcField> header)
    {
        _lines = lines;
        _text = lines.Text;
        _diagnostics = diagnostics;
        _headerMeter = meter;
        _headerUnit = unit;
        _headerUnitExplicit = header.Any(f => f.Name == 'L');
        var firstVoice = header.FirstOrDefault(f => f.Name == 'V');
        _voice = new VoiceBuilder(firstVoice is null ? "" : VoiceId(firstVoice.Value), meter, unit);
        _voices.Add(_voice);
        _voicesById.TryAdd(_voice.Id, _voice);
    }

    public void ParseLine(int index)
    {
        _line = index + 1;
        _lineStart = _lines.Start(index);
        var span = _lines.Span(index);
        if (span.StartsWith("%%"))
        {
            _voice.Add(new AbcDirective(span[2..].Trim().ToString()) { Line = _line, Column = 1 });
            return;
        }
        if (span.TrimStart().StartsWith("%"))
            return;
        if (_lines.IsFieldLine(index))
        {
            ParseFieldLine(span);
            return;
        }
        var end = MusicEnd(span, out var continued);
        _voice.SawSpace = false;
        _voice.TimedInLine = false;
        _addedAtLineStart = _voice.Added;
        ParseMusic(_lineStart, _lineStart + end);
        if (!continued && _voice.Added > _addedAtLineStart)
            _voice.Add(new AbcLineBreak { Line = _line, Column = end + 1 });
    }

    public IReadOnlyList<AbcVoice> Finish()
    {
        foreach (var v in _voices)
        {
            if (v.HasPendingBroken)
                Warn(DiagnosticCodes.BrokenRhythmWithoutPartner, v.PendingBrokenAt, "broken rhythm with no note after it");
            if (v.TupletRemaining > 0)
                Warn(DiagnosticCodes.InvalidTuplet, v.TupletAt, $"tuplet is missing {v.TupletRemaining} note(s)");
            if (v.OpenSlurs.Count > 0)
                Warn(DiagnosticCodes.UnbalancedSlur, v.OpenSlurs.Peek(), $"{v.OpenSlurs.Count} slur(s) not closed");
            if (v.StraySlurEnds > 0)
                Warn(DiagnosticCodes.UnbalancedSlur, v.FirstStraySlurEnd, $"{v.StraySlurEnds} slur end(s) without a start");
        }
        var result = new List<AbcVoice>(_voices.Count);
        foreach (var v in _voices)
        {
            var built = v.Build();
            if (built.Bars.Count > 0 || v.Id.Length > 0)
                result.Add(built);
        }
        return result;
    }

    /// <summary>Where the music of a line ends: before a <c>%</c> comment and a trailing continuation <c>\</c>.</summary>
    private static int MusicEnd(ReadOnlySpan<char> span, out bool continued)
    {
        var end = span.Length;
        var inQuote = false;
        var i = 0;
        while (i < span.Length)
        {
            var found = span[i..].IndexOfAny('"', '%');
            if (found < 0)
                break;
            i += found;
            if (span[i] == '"')
                inQuote = !inQuote;
            else if (!inQuote && (i == 0 || span[i - 1] != '\\'))
            {
                end = i;
                break;
            }
            i++;
        }
        while (end > 0 && char.IsWhiteSpace(span[end - 1]))
            end--;
        continued = end > 0 && span[end - 1] == '\\';
        if (continued)
            end--;
        return end;
    }

    private void ParseFieldLine(ReadOnlySpan<char> span)
    {
        var name = span[0];
        if (name == '+')
        {
            var last = _voice.Current.Count > 0 ? _voice.Current[^1] as AbcFieldElement : null;
            if (last is not null && !last.Inline)
                _voice.Current[^1] = last with { Value = (last.Value + " " + span[2..].Trim().ToString()).Trim() };
            return;
        }
        if (FieldText.KnownFields.IndexOf(name) < 0)
            Warn(DiagnosticCodes.UnknownField, (_line, 1), $"unknown field '{name}:'");
        var value = FieldText.Value(name, span[2..]);
        if (name == 'V')
        {
            SwitchVoice(value);
            return;
        }
        ApplyField(name, value, 3);
        _voice.Add(new AbcFieldElement(name, value, false) { Line = _line, Column = 1 });
    }

    /// <summary>Applies the musical meaning of a body field (K, M, L) to the current voice.</summary>
    private void ApplyField(char name, string value, int column)
    {
        switch (name)
        {
            case 'M':
                if (!AbcMeter.TryParse(value, out var meter))
                    Warn(DiagnosticCodes.InvalidMeter, (_line, column), $"meter '{value}' not understood; free meter assumed");
                _voice.Meter = meter;
                if (!_headerUnitExplicit && !_voice.HasOwnUnit)
                    _voice.Unit = meter.DefaultUnitLength();
                break;
            case 'L':
                if (Rational.TryParse(value, out var l) && !l.IsZero)
                {
                    _voice.Unit = l;
                    _voice.HasOwnUnit = true;
                }
                else
                    Warn(DiagnosticCodes.InvalidLength, (_line, column), $"unit length '{value}' not understood");
                break;
            case 'K':
                if (!AbcKey.TryParse(value, out _))
                    Warn(DiagnosticCodes.InvalidKey, (_line, column), $"key '{value}' not understood");
                break;
            case 'Q':
                if (!FieldText.TryTempo(value, out _, out _))
                    Warn(DiagnosticCodes.InvalidTempo, (_line, column), $"tempo '{value}' not understood");
                break;
        }
    }

    private void SwitchVoice(string value)
    {
        var id = VoiceId(value);
        // Looked up by id, not by a scan: a body may name thousands of voices.
        if (!_voicesById.TryGetValue(id, out var found))
        {
            if (_voices.Count == 1 && _voices[0].Id.Length == 0 && _voices[0].Bars.Count == 0 && _voices[0].Current.Count == 0)
            {
                _voicesById.Remove(_voices[0].Id);
                _voices.Clear();
            }
            found = new VoiceBuilder(id, _headerMeter, _headerUnit);
            _voices.Add(found);
            _voicesById[id] = found;
        }
        if (!found.PropertiesSet)
        {
            found.Properties = value.Length > id.Length ? value[id.Length..].Trim() : "";
            found.PropertiesSet = true;
        }
        _voice = found;
        _addedAtLineStart = found.Added;
        _voice.SawSpace = false;
        _voice.TimedInLine = false;
    }

    private static string VoiceId(string value)
    {
        var v = value.AsSpan().Trim();
        var stop = v.IndexOfAny(' ', '\t');
        return (stop < 0 ? v : v[..stop]).ToString();
    }

    private void Warn(string code, (int Line, int Column) at, string message) =>
        _diagnostics.Add(new AbcDiagnostic(code, AbcSeverity.Warning, at.Line, at.Column, message));

    private (int, int) At(int offset) => (_line, offset - _lineStart + 1);
}
