namespace AbcBench;

/// <summary>One tune of the corpus as the baseline TSV counts it: a chunk of a file starting at an <c>X:</c> line.</summary>
/// <param name="Collection">Baseline collection name (<c>nott_orig</c>, <c>essen</c>, ...).</param>
/// <param name="SourcePath">Path under <c>abc/</c>, with forward slashes.</param>
/// <param name="Ordinal">Position of the tune in its file, from 0.</param>
/// <param name="Text">Decoded tune text, any field lines of the file preamble first.</param>
internal sealed record CorpusTune(string Collection, string SourcePath, int Ordinal, string Text);
