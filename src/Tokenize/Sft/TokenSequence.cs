namespace MusicPile.Tokenize;

/// <summary>Token ids of one document, with an optional per-token loss mask (1 = trained on, 0 = context only).</summary>
public sealed record TokenSequence(int[] InputIds, byte[]? LossMask = null)
{
    /// <summary>Number of tokens.</summary>
    public int Length => InputIds.Length;
}
