namespace MusicPile.Tokenize;

/// <summary>
/// Where normalised text can be cut into parts that BPE encodes independently with the same result: no piece spans
/// such a cut, so no merge ever crosses it. A cut falls before a space symbol that follows another character when
/// no piece has a space after another character, and on both sides of a character that no longer piece contains.
/// </summary>
internal sealed class PartBoundaries
{
    private readonly char _space;
    private readonly bool _cutBeforeSpace;
    private readonly bool[] _inLongerPiece = new bool[char.MaxValue + 1];

    public PartBoundaries(IEnumerable<string> pieces, char space)
    {
        _space = space;
        _cutBeforeSpace = true;
        foreach (var piece in pieces)
        {
            if (piece.Length < 2)
                continue;
            for (var i = 0; i < piece.Length; i++)
            {
                _inLongerPiece[piece[i]] = true;
                if (i > 0 && piece[i] == space && piece[i - 1] != space)
                    _cutBeforeSpace = false;
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> may be cut between positions <paramref name="at"/> - 1 and <paramref name="at"/>.</summary>
    public bool IsCut(ReadOnlySpan<char> text, int at)
    {
        var (before, after) = (text[at - 1], text[at]);
        if (char.IsLowSurrogate(after))
            return false;
        return (_cutBeforeSpace && after == _space && before != _space)
            || !_inLongerPiece[after]
            || !_inLongerPiece[before];
    }
}
