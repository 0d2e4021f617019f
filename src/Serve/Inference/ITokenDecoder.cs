namespace MusicPile.Serve.Inference;

/// <summary>Next-token logits for one growing sequence: a prompt first, then one token at a time.</summary>
internal interface ITokenDecoder : IDisposable
{
    /// <summary>Tokens consumed so far.</summary>
    int Length { get; }

    /// <summary>Consumes the prompt and returns the logits for the token after it (float32, on the CPU).</summary>
    float[] Prefill(IReadOnlyList<int> promptIds);

    /// <summary>Consumes one more token and returns the logits for the token after it.</summary>
    float[] Next(int tokenId);
}
