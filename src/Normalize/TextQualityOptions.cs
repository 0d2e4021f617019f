using MusicPile.Core.Pipelines;

namespace MusicPile.Normalize;

/// <summary>Quality thresholds for music and general text, in the spirit of the Gopher rules; each can be set per stage.</summary>
public sealed record TextQualityOptions : IStageOptions
{
    /// <summary>Fewer words than this is too short (default 5: music captions are short).</summary>
    public int MinWords { get; init; } = 5;

    /// <summary>More words than this is too long for one document (default 1,000,000).</summary>
    public int MaxWords { get; init; } = 1_000_000;

    /// <summary>Mean word length must lie in this range (default 2 to 12 characters).</summary>
    public double MinMeanWordLength { get; init; } = 2;

    public double MaxMeanWordLength { get; init; } = 12;

    /// <summary>Largest share of words that are '#' or '...' symbols (default 0.1).</summary>
    public double MaxSymbolRatio { get; init; } = 0.1;

    /// <summary>Largest share of lines that repeat an earlier line (default 0.3); tables and code repeat little.</summary>
    public double MaxDuplicateLineFraction { get; init; } = 0.3;

    /// <summary>Largest share of characters in the most frequent word 2-gram (default 0.2).</summary>
    public double MaxTopBigramFraction { get; init; } = 0.2;

    /// <summary>Smallest share of words holding at least one letter (default 0.5).</summary>
    public double MinAlphabeticWordFraction { get; init; } = 0.5;

    public void Validate()
    {
        if (MinWords < 0 || MaxWords < MinWords)
            throw new ArgumentOutOfRangeException(nameof(MinWords), "need 0 <= min_words <= max_words");
        if (MinMeanWordLength > MaxMeanWordLength)
            throw new ArgumentOutOfRangeException(nameof(MinMeanWordLength), "min_mean_word_length > max_mean_word_length");
    }
}
