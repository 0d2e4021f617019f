namespace AbcBench;

/// <summary>One generated input: its number (which with the seed reproduces it), how it was made, and the text.</summary>
internal sealed record FuzzCase(int Number, string Kind, string Text);
