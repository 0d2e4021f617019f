namespace MusicPile.Tokenize;

/// <summary>How SFT records are cut to length (ChatMusician's figures by default).</summary>
public sealed record SftOptions
{
    /// <summary>Prompt tokens kept (the head of the prompt is kept). Default 1536.</summary>
    public int MaxPromptTokens { get; init; } = 1536;

    /// <summary>Prompt plus answer tokens kept (the answer's tail is cut). Default 2048.</summary>
    public int MaxTotalTokens { get; init; } = 2048;

    /// <summary>Throws when the limits are not positive or the prompt limit exceeds the total.</summary>
    public SftOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPromptTokens, 1, nameof(MaxPromptTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTotalTokens, MaxPromptTokens, nameof(MaxTotalTokens));
        return this;
    }
}
