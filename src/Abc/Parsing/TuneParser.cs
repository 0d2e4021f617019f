namespace MusicPile.Abc;

/// <summary>Reads one tune: header fields up to <c>K:</c>, then hands the body to <see cref="BodyParser"/>.</summary>
internal static class TuneParser
{
    public static AbcTune Parse(SourceLines lines, int first, int end, int index, IReadOnlyList<AbcField> fileHeader, string? fileName)
    {
        var diagnostics = new List<AbcDiagnostic>();
        var own = new List<AbcField>();
        var xLine = lines.Span(first);
        var x = FieldText.Value('X', xLine[2..]);
        own.Add(new AbcField('X', x) { Line = first + 1, Column = 3 });
        if (!int.TryParse(x, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            diagnostics.Add(Diag(DiagnosticCodes.InvalidReferenceNumber, first + 1, 3, $"X: value '{x}' is not a whole number"));

        var bodyStart = end;
        var hasKey = false;
        for (var l = first + 1; l < end; l++)
        {
            var s = lines.Span(l);
            if (s.StartsWith("%%"))
            {
                own.Add(new AbcField('%', s[2..].Trim().ToString()) { Line = l + 1, Column = 3 });
                continue;
            }
            if (s.TrimStart().StartsWith("%"))
                continue;
            if (!lines.IsFieldLine(l))
            {
                if (KeyFollows(lines, l + 1, end))
                {
                    diagnostics.Add(Diag(DiagnosticCodes.UnexpectedCharacter, l + 1, 1, "text line inside the header ignored"));
                    continue;
                }
                bodyStart = l;
                break;
            }
            if (s[0] == '+')
            {
                if (own.Count > 0)
                    own[^1] = own[^1] with { Value = (own[^1].Value + " " + s[2..].Trim().ToString()).Trim() };
                continue;
            }
            if (FieldText.KnownFields.IndexOf(s[0]) < 0)
                diagnostics.Add(Diag(DiagnosticCodes.UnknownField, l + 1, 1, $"unknown field '{s[0]}:'"));
            own.Add(new AbcField(s[0], FieldText.Value(s[0], s[2..])) { Line = l + 1, Column = 3 });
            if (s[0] == 'K')
            {
                hasKey = true;
                bodyStart = l + 1;
                break;
            }
        }

        var header = new List<AbcField>(own.Count + fileHeader.Count) { own[0] };
        foreach (var f in fileHeader)
        {
            if (f.Name == '%' || !own.Exists(o => o.Name == f.Name))
                header.Add(f with { Line = 0, Column = 0 });
        }
        header.AddRange(own.Skip(1));

        var meter = AbcMeter.Free;
        var hasMeter = false;
        var unit = (Rational?)null;
        var key = AbcKey.CMajor;
        foreach (var f in header)
        {
            switch (f.Name)
            {
                case 'M':
                    hasMeter = true;
                    if (!AbcMeter.TryParse(f.Value, out meter))
                        diagnostics.Add(Diag(DiagnosticCodes.InvalidMeter, f.Line, f.Column, $"meter '{f.Value}' not understood; free meter assumed"));
                    break;
                case 'L':
                    if (Rational.TryParse(f.Value, out var l) && !l.IsZero)
                        unit = l;
                    else
                        diagnostics.Add(Diag(DiagnosticCodes.InvalidLength, f.Line, f.Column, $"unit length '{f.Value}' not understood"));
                    break;
                case 'Q':
                    if (!FieldText.TryTempo(f.Value, out _, out _))
                        diagnostics.Add(Diag(DiagnosticCodes.InvalidTempo, f.Line, f.Column, $"tempo '{f.Value}' not understood"));
                    break;
                case 'K':
                    if (!AbcKey.TryParse(f.Value, out key))
                    {
                        diagnostics.Add(Diag(DiagnosticCodes.InvalidKey, f.Line, f.Column, $"key '{f.Value}' not understood; C major assumed"));
                        key = AbcKey.CMajor;
                    }
                    break;
            }
        }
        if (!hasKey)
        {
            var line = bodyStart < end ? bodyStart + 1 : end;
            diagnostics.Add(new AbcDiagnostic(DiagnosticCodes.MissingKey, AbcSeverity.Fatal, line, 1, "the header has no K: field"));
        }
        if (!hasMeter)
            diagnostics.Add(Diag(DiagnosticCodes.MissingMeter, first + 1, 1, "no M: field; free meter assumed"));
        var unitLength = unit ?? meter.DefaultUnitLength();

        var body = new BodyParser(lines, diagnostics, meter, unitLength, header);
        for (var l = bodyStart; l < end; l++)
            body.ParseLine(l);
        var voices = body.Finish();

        TextChecks.ScanDecoding(lines, first, end, diagnostics);
        return new AbcTune
        {
            Index = index,
            StartLine = first + 1,
            EndLine = end,
            FileName = fileName,
            X = x,
            Header = header,
            Voices = voices,
            ParseDiagnostics = diagnostics,
            Key = key,
            Meter = meter,
            UnitLength = unitLength,
            HasKey = hasKey,
        };
    }

    /// <summary>True when a <c>K:</c> line comes before the next line that is neither a field nor a comment.</summary>
    private static bool KeyFollows(SourceLines lines, int from, int end)
    {
        for (var m = from; m < end; m++)
        {
            var s = lines.Span(m);
            if (s.Length >= 2 && s[0] == 'K' && s[1] == ':')
                return true;
            if (!lines.IsFieldLine(m) && !s.TrimStart().StartsWith("%"))
                return false;
        }
        return false;
    }

    internal static AbcDiagnostic Diag(string code, int line, int column, string message) =>
        new(code, AbcSeverity.Warning, line, column, message);
}
