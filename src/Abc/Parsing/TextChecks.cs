namespace MusicPile.Abc;

internal static class TextChecks
{
    private const int MaxReports = 5;

    /// <summary>Reports U+FFFD and C1 control characters: signs that bytes were decoded with the wrong encoding.</summary>
    public static void ScanDecoding(SourceLines lines, int first, int end, List<AbcDiagnostic> into)
    {
        var reported = 0;
        for (var l = first; l < end && reported < MaxReports; l++)
        {
            var s = lines.Span(l);
            var at = s.IndexOfAnyInRange('\u0080', '\u009F');
            var bad = s.IndexOf('\uFFFD');
            if (at < 0 || (bad >= 0 && bad < at))
                at = bad;
            if (at < 0)
                continue;
            into.Add(TuneParser.Diag(DiagnosticCodes.UndecodableText, l + 1, at + 1,
                $"character U+{(int)s[at]:X4} suggests text decoded with the wrong encoding"));
            reported++;
        }
    }
}
