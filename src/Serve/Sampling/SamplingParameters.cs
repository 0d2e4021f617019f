namespace MusicPile.Serve.Sampling;

/// <summary>
/// How the next token is picked. Defaults follow OpenAI's API (temperature 1, top_p 1, no top-k, no penalty);
/// <see cref="SamplingPresets"/> holds ChatMusician's own settings.
/// </summary>
internal sealed record SamplingParameters
{
    /// <summary>Softmax temperature; 0 means greedy. Default 1.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus mass kept, in (0, 1]. Default 1 (off).</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Most likely tokens kept; 0 means all. Default 0.</summary>
    public int TopK { get; init; }

    /// <summary>Divides positive (multiplies negative) logits of tokens already seen; 1 is off. Default 1.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    /// <summary>New tokens at most. Default 256.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Texts that end the generation (not included in the output). Default none.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Seed of the sampling generator; the same seed and request give the same output. Default null: random.</summary>
    public long? Seed { get; init; }

    /// <summary>Returns the first problem, or null when the values are usable.</summary>
    public string? Problem()
    {
        if (!double.IsFinite(Temperature) || Temperature < 0 || Temperature > 100) return "temperature must be between 0 and 100";
        if (!double.IsFinite(TopP) || TopP <= 0 || TopP > 1) return "top_p must be in (0, 1]";
        if (TopK < 0) return "top_k must not be negative";
        if (!double.IsFinite(RepetitionPenalty) || RepetitionPenalty <= 0 || RepetitionPenalty > 10) return "repetition_penalty must be in (0, 10]";
        if (MaxTokens < 1) return "max_tokens must be at least 1";
        if (Stop.Count > 4 || Stop.Any(s => s.Length == 0 || s.Length > 200)) return "stop takes up to 4 non-empty strings of at most 200 characters";
        return null;
    }
}
