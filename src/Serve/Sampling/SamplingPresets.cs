namespace MusicPile.Serve.Sampling;

/// <summary>Named sampling settings a request can start from with <c>"preset"</c>; explicit fields override them.</summary>
internal static class SamplingPresets
{
    /// <summary>ChatMusician's demo settings: temperature 0.2, top_p 0.9, top_k 40, repetition penalty 1.1, up to 1536 new tokens.</summary>
    public static SamplingParameters ChatMusician { get; } = new()
    {
        Temperature = 0.2,
        TopP = 0.9,
        TopK = 40,
        RepetitionPenalty = 1.1,
        MaxTokens = 1536,
    };

    /// <summary>Always the most likely token.</summary>
    public static SamplingParameters Greedy { get; } = new() { Temperature = 0 };

    /// <summary>Preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["chatmusician", "greedy"];

    /// <summary>The preset of that name, or null.</summary>
    public static SamplingParameters? Find(string name) => name switch
    {
        "chatmusician" => ChatMusician,
        "greedy" => Greedy,
        _ => null,
    };
}
