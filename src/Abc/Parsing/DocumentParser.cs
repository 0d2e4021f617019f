namespace MusicPile.Abc;

/// <summary>Splits a file into its file header and its tunes (an <c>X:</c> line up to a blank line or the next <c>X:</c>).</summary>
internal static class DocumentParser
{
    public static AbcDocument Parse(string text, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new SourceLines(text);
        var fileHeader = ReadFileHeader(lines);
        var tunes = new List<AbcTune>();
        foreach (var (start, end) in TuneRanges(lines))
            tunes.Add(TuneParser.Parse(lines, start, end, tunes.Count, fileHeader, fileName));
        return new AbcDocument { FileName = fileName, FileHeader = fileHeader, Tunes = tunes };
    }

    /// <summary>Where the tunes are, without parsing them: for readers that hand each tune on as text.</summary>
    public static AbcFileLayout Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new SourceLines(text);
        var tunes = TuneRanges(lines).Select((r, i) => new AbcTuneSpan(i, r.Start + 1, r.End, lines.Span(r.Start)[2..].Trim().ToString())).ToList();
        return new AbcFileLayout(ReadFileHeader(lines), tunes);
    }

    /// <summary>Each tune as 0-based [start, end) line ranges: an <c>X:</c> line up to a blank line or the next <c>X:</c>.</summary>
    private static List<(int Start, int End)> TuneRanges(SourceLines lines)
    {
        var ranges = new List<(int, int)>();
        var i = 0;
        while (i < lines.Count)
        {
            if (!IsXLine(lines, i))
            {
                i++;
                continue;
            }
            var end = i + 1;
            while (end < lines.Count && !lines.IsBlank(end) && !IsXLine(lines, end))
                end++;
            ranges.Add((i, end));
            i = end;
        }
        return ranges;
    }

    private static bool IsXLine(SourceLines lines, int index)
    {
        var s = lines.Span(index);
        return s.Length >= 2 && s[0] == 'X' && s[1] == ':';
    }

    /// <summary>The first block is a file header when it has fields and no <c>X:</c>.</summary>
    private static List<AbcField> ReadFileHeader(SourceLines lines)
    {
        var result = new List<AbcField>();
        var i = 0;
        while (i < lines.Count && lines.IsBlank(i))
            i++;
        var start = i;
        while (i < lines.Count && !lines.IsBlank(i))
        {
            if (IsXLine(lines, i))
                return result;
            i++;
        }
        for (var l = start; l < i; l++)
        {
            var s = lines.Span(l);
            if (s.StartsWith("%%"))
                result.Add(new AbcField('%', s[2..].Trim().ToString()) { Line = l + 1, Column = 3 });
            else if (lines.IsFieldLine(l) && s[0] != '+')
                result.Add(new AbcField(s[0], FieldText.Value(s[0], s[2..])) { Line = l + 1, Column = 3 });
        }
        return result;
    }
}
