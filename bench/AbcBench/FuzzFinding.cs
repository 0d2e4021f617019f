namespace AbcBench;

/// <summary>A case that threw, ran slowly or hung.</summary>
/// <param name="Case">Case number; with the seed it regenerates the input (<c>--fuzz-case N</c>).</param>
/// <param name="Kind">Generator kind.</param>
/// <param name="Length">Input length in characters.</param>
/// <param name="Milliseconds">Time the case took (for a hang: how long it ran before being abandoned).</param>
/// <param name="Stage">Stage that threw, for exceptions.</param>
/// <param name="Error">Exception type and message, for exceptions.</param>
/// <param name="Where">Top stack frame, for exceptions.</param>
internal sealed record FuzzFinding(int Case, string Kind, int Length, double Milliseconds, string? Stage = null, string? Error = null, string? Where = null);
