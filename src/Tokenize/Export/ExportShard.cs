namespace MusicPile.Tokenize;

/// <summary>One shard of a split: its files and what it holds (tokens include separators).</summary>
public sealed record ExportShard(string Split, int Index, long Tokens, long Sequences, IReadOnlyList<ExportFile> Files);
