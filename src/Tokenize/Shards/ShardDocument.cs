namespace MusicPile.Tokenize;

/// <summary>One document handed to a shard writer: its corpus id, source, tokens and optional loss mask.</summary>
public readonly record struct ShardDocument(long Id, string Source, ReadOnlyMemory<int> Tokens, ReadOnlyMemory<byte> LossMask = default);
