namespace MusicPile.Abc;

/// <summary>
/// Rewrites a tune into corpus form: header reduced to <c>X:1</c>, <c>L:</c>, optional <c>Q:</c>, <c>M:</c>, <c>K:</c>;
/// text fields dropped; uniform spacing and bar lines (via <see cref="AbcWriter"/>). Counted repairs:
/// <c>decoration-before-slur</c> (<c>u(B</c> to <c>(uB</c>), <c>unprefixed-annotation</c> (<c>"Fine"</c> to <c>"^Fine"</c>),
/// and for files <c>encoding-*</c> from <see cref="AbcText.Decode"/>.
/// </summary>
public static class AbcNormalizer
{
    /// <summary>Repair counted when a decoration written before a slur start is moved after it.</summary>
    public const string DecorationBeforeSlur = "decoration-before-slur";

    /// <summary>Repair counted when quoted text that is not a chord name becomes an annotation.</summary>
    public const string UnprefixedAnnotation = "unprefixed-annotation";

    private const string TextFields = "TCOSNZHRBDFGIWwAU";

    /// <summary>Normalises one tune.</summary>
    public static AbcNormalization Normalize(AbcTune tune, AbcNormalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var o = (options ?? AbcNormalizerOptions.Default).Validate();
        var repairs = new Dictionary<string, int>(StringComparer.Ordinal);
        var source = o.Transpose != 0 ? AbcTransposer.Transpose(tune, o.Transpose) : tune;
        var header = new List<AbcField> { new('X', o.ReferenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (o.KeepTitles)
            header.AddRange(source.Header.Where(f => f.Name == 'T'));
        header.Add(new AbcField('L', source.UnitLength.ToString()));
        if (o.KeepTempo && source.Field('Q') is { } q)
            header.Add(new AbcField('Q', q));
        header.Add(new AbcField('M', source.Field('M') is { Length: > 0 } m ? m : "none"));
        foreach (var v in source.Header.Where(f => f.Name == 'V'))
            header.Add(v with { Line = 0, Column = 0 });
        if (o.KeepDirectives)
            header.AddRange(source.Header.Where(f => f.Name is '%' or 'I'));
        header.Add(new AbcField('K', source.Field('K') ?? "C"));

        var voices = source.Voices.Select(v => v with { Bars = NormalizeBars(v.Bars, o, repairs) }).ToList();
        var result = source with { Header = header, Voices = voices, X = header[0].Value };
        var text = AbcWriter.Write(result);
        var reparsed = AbcDocument.Parse(text).Tunes.FirstOrDefault() ?? result;
        return new AbcNormalization(text, reparsed, repairs);
    }

    /// <summary>Decodes a file, normalises every tune without a fatal diagnostic, and joins them with blank lines.</summary>
    public static (string Text, IReadOnlyDictionary<string, int> Repairs, int Tunes, int Skipped) NormalizeFile(
        ReadOnlySpan<byte> bytes, string fileName, AbcNormalizerOptions? options = null)
    {
        var decoded = AbcText.Decode(bytes);
        var repairs = new Dictionary<string, int>(StringComparer.Ordinal);
        if (decoded.RepairedFrom is { } from)
            repairs["encoding-" + from] = 1;
        var parts = new List<string>();
        var skipped = 0;
        foreach (var tune in AbcDocument.Parse(decoded.Text, fileName).Tunes)
        {
            if (AbcValidator.IsFatal(AbcValidator.Validate(tune)))
            {
                skipped++;
                continue;
            }
            var n = Normalize(tune, options);
            parts.Add(n.Text);
            foreach (var (k, v) in n.Repairs)
                repairs[k] = repairs.GetValueOrDefault(k) + v;
        }
        return (string.Join("\n", parts), repairs, parts.Count, skipped);
    }

    private static List<AbcBar> NormalizeBars(IReadOnlyList<AbcBar> bars, AbcNormalizerOptions o, Dictionary<string, int> repairs)
    {
        var result = new List<AbcBar>(bars.Count);
        foreach (var bar in bars)
        {
            var kept = new List<AbcElement>(bar.Elements.Count);
            foreach (var e in bar.Elements)
            {
                if (Keep(e, o) is { } k && Repair(k, o, repairs) is { } repaired)
                    kept.Add(repaired);
            }
            if (o.RepairDialects)
                MoveDecorationsAfterSlurs(kept, repairs);
            if (kept.Count > 0)
                result.Add(new AbcBar(kept));
        }
        return result;
    }

    private static AbcElement? Keep(AbcElement e, AbcNormalizerOptions o) => e switch
    {
        AbcFieldElement { Name: 'T' } when o.KeepTitles => e,
        AbcFieldElement { Name: 'w' or 'W' } when o.KeepLyrics => e,
        AbcFieldElement { Name: 'I' } when o.KeepDirectives => e,
        AbcFieldElement f when TextFields.Contains(f.Name) => null,
        AbcDirective when !o.KeepDirectives => null,
        AbcChordSymbol when !o.KeepChordSymbols => null,
        AbcAnnotation when !o.KeepAnnotations => null,
        AbcDecoration when !o.KeepDecorations => null,
        AbcChord c when !o.KeepDecorations && c.InnerDecorations.Count > 0 => c with { InnerDecorations = [] },
        AbcGraceGroup when !o.KeepGraceNotes => null,
        _ => e,
    };

    private static AbcElement? Repair(AbcElement e, AbcNormalizerOptions o, Dictionary<string, int> repairs)
    {
        if (o.RepairDialects && e is AbcChordSymbol cs && !ChordSymbol.IsChordName(cs.Text))
        {
            Count(repairs, UnprefixedAnnotation);
            return o.KeepAnnotations ? new AbcAnnotation('^', cs.Text) { Line = e.Line, Column = e.Column } : null;
        }
        return e;
    }

    /// <summary><c>u(B</c> is common in old files; ABC wants the slur first, then the note's decorations.</summary>
    private static void MoveDecorationsAfterSlurs(List<AbcElement> elements, Dictionary<string, int> repairs)
    {
        for (var k = 0; k + 1 < elements.Count; k++)
        {
            if (elements[k] is not AbcDecoration)
                continue;
            var j = k;
            while (j < elements.Count && elements[j] is AbcDecoration)
                j++;
            if (j < elements.Count && elements[j] is AbcSlur { Start: true } slur)
            {
                elements.RemoveAt(j);
                elements.Insert(k, slur);
                Count(repairs, DecorationBeforeSlur);
            }
            k = j;
        }
    }

    private static void Count(Dictionary<string, int> repairs, string name) => repairs[name] = repairs.GetValueOrDefault(name) + 1;
}
