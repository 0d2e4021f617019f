namespace MusicPile.Dedup.Shingling;

/// <summary>Splits prose into lower-cased runs of letters and digits; everything else separates words.</summary>
internal static class WordTokenizer
{
    public static void Tokenize(string text, ulong seed, List<ulong> tokens)
    {
        Span<char> word = stackalloc char[128];
        var length = 0;
        var overflow = 0UL;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (length == word.Length)
                {
                    // Very long runs: fold the full buffer into a running hash and keep going.
                    overflow = TokenHasher.Hash(word, seed ^ overflow);
                    length = 0;
                }
                word[length++] = char.ToLowerInvariant(c);
            }
            else if (length > 0 || overflow != 0)
            {
                tokens.Add(TokenHasher.Hash(word[..length], seed ^ overflow));
                length = 0;
                overflow = 0;
            }
        }
        if (length > 0 || overflow != 0)
            tokens.Add(TokenHasher.Hash(word[..length], seed ^ overflow));
    }
}
