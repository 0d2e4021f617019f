using MusicPile.Dedup.Hashing;

namespace MusicPile.Dedup.Shingling;

/// <summary>
/// Turns an ABC tune body into note tokens (accidental, pitch, octave marks, length; rests; chords) or whole bars.
/// Header and field lines (<c>T:</c>, <c>K:</c>, <c>w:</c> ...), comments, chord symbols and annotations in quotes,
/// decorations, grace notes, slurs, ties and inline fields are skipped, so ornament spelling does not change shingles.
/// Every bar line counts as one plain bar token so repeat spelling does not either.
/// </summary>
internal static class AbcTokenizer
{
    private const ulong BarSalt = 0x6261725F6C696E65UL;

    public static void Tokenize(string text, bool wholeBars, ulong seed, List<ulong> tokens)
    {
        var barToken = XxHash64.Avalanche(seed ^ BarSalt);
        var bar = new List<ulong>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (IsFieldLine(line) || line.StartsWith('%'))
                continue;
            var comment = line.IndexOf('%');
            if (comment >= 0)
                line = line[..comment];
            ScanLine(line, seed, barToken, wholeBars ? bar : tokens, wholeBars, tokens);
        }
        if (wholeBars)
            EndBar(bar, seed, tokens);
    }

    private static bool IsFieldLine(string line) =>
        line.Length >= 2 && char.IsAsciiLetter(line[0]) && line[1] == ':';

    private static void ScanLine(string line, ulong seed, ulong barToken, List<ulong> notes, bool wholeBars, List<ulong> output)
    {
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            switch (c)
            {
                case '"': i = SkipTo(line, i, '"'); continue;
                case '!': i = SkipTo(line, i, '!'); continue;
                case '{': i = SkipTo(line, i, '}'); continue;
                case '[' when i + 2 < line.Length && char.IsAsciiLetter(line[i + 1]) && line[i + 2] == ':':
                    i = SkipTo(line, i, ']');
                    continue;
                case '[' when i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]):
                    i++;
                    while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is ',' or '-')) i++;
                    continue;
                case '[':
                    i = ReadChord(line, i, seed, notes);
                    continue;
                case '|' or ':' or ']':
                    while (i < line.Length && line[i] is '|' or ':' or ']') i++;
                    while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is ',' or '-')) i++;
                    if (wholeBars) EndBar(notes, seed, output);
                    else notes.Add(barToken);
                    continue;
            }
            var end = ReadNote(line, i);
            if (end > i)
            {
                notes.Add(TokenHasher.Hash(line.AsSpan(i, end - i), seed));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    private static int SkipTo(string line, int start, char close)
    {
        var end = line.IndexOf(close, start + 1);
        return end < 0 ? line.Length : end + 1;
    }

    /// <summary>Reads <c>[CEG]2</c> as one token; returns the index after it.</summary>
    private static int ReadChord(string line, int start, ulong seed, List<ulong> notes)
    {
        var close = line.IndexOf(']', start + 1);
        if (close < 0)
            return line.Length;
        var end = close + 1;
        while (end < line.Length && (char.IsAsciiDigit(line[end]) || line[end] == '/')) end++;
        notes.Add(TokenHasher.Hash(line.AsSpan(start, end - start), seed));
        return end;
    }

    /// <summary>Accidentals, pitch or rest, octave marks, length. Returns <paramref name="start"/> when no note starts there.</summary>
    private static int ReadNote(string line, int start)
    {
        var i = start;
        while (i < line.Length && line[i] is '^' or '_' or '=') i++;
        if (i >= line.Length || line[i] is not ((>= 'A' and <= 'G') or (>= 'a' and <= 'g') or 'z' or 'x' or 'Z' or 'X'))
            return start;
        i++;
        while (i < line.Length && line[i] is ',' or '\'') i++;
        while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] == '/')) i++;
        while (i < line.Length && line[i] is '>' or '<') i++;
        return i;
    }

    private static void EndBar(List<ulong> bar, ulong seed, List<ulong> output)
    {
        if (bar.Count == 0)
            return;
        output.Add(XxHash64.Hash(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bar), seed));
        bar.Clear();
    }
}
