using MusicPile.Tokenize;

namespace MusicPile.Serve.Music;

/// <summary>
/// The text each token adds in the middle of a sequence (after an anchor token, so SentencePiece's leading-space
/// handling at the start of a text does not distort it). Null for tokens that add nothing printable on their own:
/// special tokens, partial UTF-8 bytes.
/// </summary>
internal sealed class TokenTextTable
{
    private readonly string?[] _texts;

    public TokenTextTable(MusicTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var anchorIds = tokenizer.Encode("a");
        var anchor = anchorIds.Length > 0 ? anchorIds[^1] : 0;
        var anchorText = tokenizer.Decode([anchor]);
        _texts = new string?[tokenizer.VocabSize];
        var pair = new int[2];
        pair[0] = anchor;
        for (var id = 0; id < _texts.Length; id++)
        {
            if (id == tokenizer.EosId) continue;
            pair[1] = id;
            string text;
            try
            {
                text = tokenizer.Decode(pair);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (!text.StartsWith(anchorText, StringComparison.Ordinal)) continue;
            var added = text[anchorText.Length..];
            if (added.Length == 0 || added.Contains('\uFFFD', StringComparison.Ordinal)) continue;
            _texts[id] = added;
        }
    }

    /// <summary>Ids covered (the tokenizer's vocabulary size).</summary>
    public int Count => _texts.Length;

    /// <summary>The text of <paramref name="id"/>, or null.</summary>
    public string? this[int id] => id >= 0 && id < _texts.Length ? _texts[id] : null;
}
