namespace MusicPile.Tokenize;

/// <summary>One MusicPile-sft row: the question is <paramref name="Instruction"/> followed directly by <paramref name="Input"/>.</summary>
public sealed record SftRecord(string Instruction, string Input, string Output);
