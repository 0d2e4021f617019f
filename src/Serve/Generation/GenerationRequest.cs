using MusicPile.Serve.Sampling;

namespace MusicPile.Serve.Generation;

/// <summary>One generation: prompt ids, sampling settings (seed resolved) and whether output is held to ABC.</summary>
internal sealed record GenerationRequest(IReadOnlyList<int> PromptIds, SamplingParameters Sampling, long Seed, bool AbcConstrained);

/// <summary>What a generation produced.</summary>
/// <param name="Text">The generated text (stop strings cut off).</param>
/// <param name="FinishReason"><c>stop</c> (end of sequence or a stop string), <c>length</c> (token budget or context full).</param>
/// <param name="PromptTokens">Prompt length in tokens.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
/// <param name="Seconds">Time from the first forward pass to the last token.</param>
internal sealed record GenerationResult(string Text, string FinishReason, int PromptTokens, int CompletionTokens, double Seconds);
