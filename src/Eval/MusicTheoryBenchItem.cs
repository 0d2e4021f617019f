namespace MusicPile.Eval;

/// <summary>One four-option MusicTheoryBench question, in its published layout.</summary>
/// <param name="Id">The question id.</param>
/// <param name="Instruction">The instruction line put before the stem.</param>
/// <param name="Stem">The question.</param>
/// <param name="Options">The options by letter, A to D, in published order.</param>
/// <param name="Subject">The subject as published (for example <c>music knowledge</c>).</param>
/// <param name="Answer">The correct letter.</param>
/// <param name="Split"><c>dev</c> or <c>test</c>.</param>
/// <param name="AbcScore">An ABC score that goes with the question, or empty.</param>
/// <param name="Analysis">The published explanation, or empty.</param>
/// <param name="Category"><see cref="Categories.Knowledge"/>, <see cref="Categories.Reasoning"/> or <see cref="Categories.Other"/>.</param>
public sealed record MusicTheoryBenchItem(
    string Id,
    string Instruction,
    string Stem,
    IReadOnlyDictionary<char, string> Options,
    string Subject,
    char Answer,
    string Split,
    string AbcScore,
    string Analysis,
    string Category)
{
    /// <summary>The two halves the benchmark reports apart, and a bucket for anything else.</summary>
    public static class Categories
    {
        public const string Knowledge = "knowledge";
        public const string Reasoning = "reasoning";
        public const string Other = "other";
    }

    /// <summary>The category from an explicit <c>category</c> value, else from words in the subject; <c>other</c> when neither says.</summary>
    public static string InferCategory(string? category, string? subject)
    {
        foreach (var text in new[] { category, subject })
        {
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (text.Contains("reason", StringComparison.OrdinalIgnoreCase))
                return Categories.Reasoning;
            if (text.Contains("knowledge", StringComparison.OrdinalIgnoreCase))
                return Categories.Knowledge;
        }
        return Categories.Other;
    }
}
