namespace MusicPile.Train;

/// <summary>
/// Tokens [<paramref name="Start"/>, <paramref name="Start"/> + <paramref name="Count"/>) of one token file, counted
/// in tokens after any header; a null <paramref name="Count"/> runs to the end of the file.
/// </summary>
/// <param name="Path">A token file <see cref="TokenFile.Open"/> reads (nanoGPT, llm.c shard or Megatron <c>.bin</c>).</param>
/// <param name="Start">First token. Default 0.</param>
/// <param name="Count">Number of tokens, or null for the rest of the file. Default null.</param>
public sealed record TokenSpan(string Path, long Start = 0, long? Count = null);
