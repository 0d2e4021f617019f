namespace MusicPile.Eval;

/// <summary>Accuracy of a model on MusicTheoryBench, averaged over option shuffles.</summary>
/// <param name="Items">Questions scored.</param>
/// <param name="Shuffles">Option orders each question was scored in.</param>
/// <param name="Accuracy">Fraction right over all questions and shuffles.</param>
/// <param name="ByCategory">Questions and accuracy per category (<see cref="MusicTheoryBenchItem.Categories"/>).</param>
/// <param name="PerShuffle">Accuracy of each shuffle on its own.</param>
/// <param name="Results">Per question: how many shuffles it got right.</param>
public sealed record MusicTheoryBenchReport(
    int Items,
    int Shuffles,
    double Accuracy,
    IReadOnlyDictionary<string, (int Items, double Accuracy)> ByCategory,
    IReadOnlyList<double> PerShuffle,
    IReadOnlyList<(string Id, string Category, int Correct)> Results)
{
    /// <summary>Accuracy on knowledge questions, or null when there were none.</summary>
    public double? KnowledgeAccuracy => ByCategory.TryGetValue(MusicTheoryBenchItem.Categories.Knowledge, out var k) ? k.Accuracy : null;

    /// <summary>Accuracy on reasoning questions, or null when there were none.</summary>
    public double? ReasoningAccuracy => ByCategory.TryGetValue(MusicTheoryBenchItem.Categories.Reasoning, out var r) ? r.Accuracy : null;
}
