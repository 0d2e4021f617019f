namespace MusicPile.Tokenize;

/// <summary>
/// SentencePiece's normalisation for a model with the identity rule: optionally drop leading, trailing and repeated
/// spaces, add the dummy-prefix space, and write spaces as U+2581. A lone surrogate becomes U+FFFD, as it does when
/// the text is turned into UTF-8 for SentencePiece or Hugging Face.
/// </summary>
internal readonly record struct SentencePieceNormalization(bool AddDummyPrefix, bool EscapeWhiteSpaces, bool RemoveExtraWhiteSpaces)
{
    /// <summary>Normalises <paramref name="text"/> into <paramref name="buffer"/> (grown as needed).</summary>
    public ReadOnlySpan<char> Apply(ReadOnlySpan<char> text, ref char[] buffer)
    {
        if (RemoveExtraWhiteSpaces)
            text = text.Trim(' ');
        if (text.IsEmpty)
            return [];
        if (buffer.Length < text.Length + 1)
            buffer = new char[Math.Max(text.Length + 1, 2 * buffer.Length)];
        var space = EscapeWhiteSpaces ? '\u2581' : ' ';
        var length = 0;
        if (AddDummyPrefix)
            buffer[length++] = space;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                if (RemoveExtraWhiteSpaces && text[i - 1] == ' ')
                    continue;
                c = space;
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    buffer[length++] = c;
                    c = text[++i];
                }
                else
                {
                    c = '\uFFFD';
                }
            }
            buffer[length++] = c;
        }
        return buffer.AsSpan(0, length);
    }
}
