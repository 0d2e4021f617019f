namespace MusicPile.Abc;

/// <summary>Shared strings for the short symbols a body repeats thousands of times (bar lines, endings, one-character decorations).</summary>
internal static class SymbolText
{
    private static readonly string[] Ascii = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    private static readonly string[] Common = ["||", ":|", "|:", "::", "|]", "[|", ":||:", ":||", "||:", "|::", "::|", ":|:", "1,2", "1-2"];

    public static string Of(char c) => c < 128 ? Ascii[c] : c.ToString();

    public static string Of(ReadOnlySpan<char> text)
    {
        if (text.Length == 1)
            return Of(text[0]);
        foreach (var s in Common)
        {
            if (text.SequenceEqual(s))
                return s;
        }
        return text.ToString();
    }
}
