namespace MusicPile.Abc;

/// <summary>
/// Finds ABC tunes inside other text (a chat answer, a generated completion, a page of prose) the way ChatMusician's
/// demo does with <c>X:\d+\n(?:[^\n]*\n)+</c>, as one linear scan: a tune starts at <c>X:</c>, digits and a line end
/// (anywhere on a line, so <c>Assistant: X:1</c> counts) and runs over the following lines until a blank line, the next
/// <c>X:</c> line, an end-of-turn marker <c>&lt;/s&gt;</c> or the end of the text, so its last line is kept even
/// without a line end. It needs at least one line after the <c>X:</c> line.
/// </summary>
public static class TuneFinder
{
    // ChatMusician's end-of-turn marker: an answer ends there, and so does a tune written in it.
    private const string EndOfTurn = "</s>";

    /// <summary>The first tune in <paramref name="text"/>, or null when it has none.</summary>
    public static string? First(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Next(text, 0) is { } range ? text[range] : null;
    }

    /// <summary>Every tune in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> All(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tunes = new List<string>();
        for (var range = Next(text, 0); range is { } r; range = Next(text, r.End.Value))
            tunes.Add(text[r]);
        return tunes;
    }

    /// <summary>Where the first tune at or after <paramref name="from"/> lies, or null.</summary>
    private static Range? Next(string text, int from)
    {
        for (var at = text.IndexOf("X:", from, StringComparison.Ordinal); at >= 0; at = text.IndexOf("X:", at + 2, StringComparison.Ordinal))
        {
            var lineEnd = HeaderEnd(text, at);
            if (lineEnd < 0)
                continue;
            var end = BodyEnd(text, lineEnd + 1);
            if (end > lineEnd + 1)
                return at..end;
        }
        return null;
    }

    /// <summary>The index of the line end after <c>X:</c> and one or more digits at <paramref name="at"/>, or -1.</summary>
    private static int HeaderEnd(string text, int at)
    {
        var i = at + 2;
        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        return i > digits && i < text.Length && text[i] == '\n' ? i : -1;
    }

    /// <summary>Where the lines from <paramref name="start"/> stop being part of the tune (past the last kept line end).</summary>
    private static int BodyEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length)
        {
            var newline = text.IndexOf('\n', end);
            var lineEnd = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(end, lineEnd - end);
            var marker = line.IndexOf(EndOfTurn, StringComparison.Ordinal);
            if (marker >= 0)
            {
                var kept = line[..marker].TrimEnd();
                return kept.IsWhiteSpace() ? end : end + kept.Length;
            }
            if (line.IsWhiteSpace() || line.StartsWith("X:", StringComparison.Ordinal))
                return end;
            end = newline < 0 ? text.Length : newline + 1;
        }
        return end;
    }
}
