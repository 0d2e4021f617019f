namespace MusicPile.Tokenize;

/// <summary>One row of a token Parquet file.</summary>
public sealed record TokenRow(long Id, string Source, int[] InputIds, byte[]? LossMask);
