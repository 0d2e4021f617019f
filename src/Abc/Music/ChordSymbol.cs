namespace MusicPile.Abc;

/// <summary>A chord name split into root, quality and bass: <c>F#m7/C#</c>.</summary>
internal readonly record struct ChordSymbol(char RootLetter, int RootAlteration, string Quality, char? BassLetter, int BassAlteration)
{
    private const string QualityChars = "mMajindusgo+-#b0123456789()°øΔ^,.";

    /// <summary>Reads a chord name; false for text that is not one (fingerings, words).</summary>
    public static bool TryParse(string text, out ChordSymbol chord)
    {
        chord = default;
        var s = text.AsSpan().Trim();
        if (s.Length == 0 || s[0] is < 'A' or > 'G')
            return false;
        var root = s[0];
        var i = 1;
        var rootAlt = 0;
        if (i < s.Length && s[i] is '#' or 'b' or '♯' or '♭')
        {
            rootAlt = s[i] is '#' or '♯' ? 1 : -1;
            i++;
        }
        var qStart = i;
        while (i < s.Length && s[i] != '/' && QualityChars.Contains(s[i]))
            i++;
        var quality = s[qStart..i].ToString();
        char? bass = null;
        var bassAlt = 0;
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
        if (i != s.Length)
            return false;
        chord = new ChordSymbol(root, rootAlt, quality, bass, bassAlt);
        return true;
    }

    /// <summary>True for chord names and the usual no-chord marks.</summary>
    public static bool IsChordName(string text) =>
        TryParse(text, out _) || text.Trim() is "N.C." or "NC" or "N.C" || text.Contains(' ', StringComparison.Ordinal) && AllChords(text);

    private static bool AllChords(string text)
    {
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(part, out _))
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
