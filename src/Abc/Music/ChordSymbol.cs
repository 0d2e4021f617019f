namespace MusicPile.Abc;

/// <summary>A chord name split into root, quality and bass: <c>F#m7/C#</c>.</summary>
internal readonly record struct ChordSymbol(char RootLetter, int RootAlteration, string Quality, char? BassLetter, int BassAlteration)
{
    private static readonly System.Buffers.SearchValues<char> QualityChars = System.Buffers.SearchValues.Create("mMajindusgo+-#b0123456789()°øΔ^,.");

    /// <summary>Reads a chord name; false for text that is not one (fingerings, words).</summary>
    public static bool TryParse(string text, out ChordSymbol chord)
    {
        chord = default;
        var s = text.AsSpan().Trim();
        if (!TryScan(s, out var rootAlt, out var qualityEnd, out var bass, out var bassAlt))
            return false;
        chord = new ChordSymbol(s[0], rootAlt, s[(rootAlt == 0 ? 1 : 2)..qualityEnd].ToString(), bass, bassAlt);
        return true;
    }

    /// <summary>The grammar of a chord name: root, optional accidental, quality characters, optional <c>/bass</c>, nothing else.</summary>
    private static bool TryScan(ReadOnlySpan<char> s, out int rootAlt, out int qualityEnd, out char? bass, out int bassAlt)
    {
        rootAlt = 0;
        qualityEnd = 0;
        bass = null;
        bassAlt = 0;
        if (s.Length == 0 || s[0] is < 'A' or > 'G')
            return false;
        var i = 1;
        if (i < s.Length && s[i] is '#' or 'b' or '♯' or '♭')
        {
            rootAlt = s[i] is '#' or '♯' ? 1 : -1;
            i++;
        }
        while (i < s.Length && s[i] != '/' && QualityChars.Contains(s[i]))
            i++;
        qualityEnd = i;
        if (i < s.Length && s[i] == '/')
        {
            i++;
            if (i >= s.Length || s[i] is < 'A' or > 'G')
                return false;
            bass = s[i];
            i++;
            if (i < s.Length && s[i] is '#' or 'b')
            {
                bassAlt = s[i] == '#' ? 1 : -1;
                i++;
            }
        }
        return i == s.Length;
    }

    private static bool IsName(ReadOnlySpan<char> text) => TryScan(text.Trim(), out _, out _, out _, out _);

    /// <summary>True for chord names and the usual no-chord marks.</summary>
    public static bool IsChordName(string text) =>
        IsName(text) || text.AsSpan().Trim() is "N.C." or "NC" or "N.C" || text.Contains(' ', StringComparison.Ordinal) && AllChords(text);

    private static bool AllChords(string text)
    {
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsName(part))
                return false;
        }
        return true;
    }

    public static string Spell(char letter, int alteration) => alteration switch
    {
        1 => letter + "#",
        2 => letter + "##",
        -1 => letter + "b",
        -2 => letter + "bb",
        _ => letter.ToString(),
    };
}
