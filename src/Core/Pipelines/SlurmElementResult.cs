namespace MusicPile.Core.Pipelines;

/// <summary>What one array element did: the stage's planned task count, the ranks it ran, and the failures.</summary>
public sealed record SlurmElementResult(string Stage, int WorldSize, IReadOnlyList<int> Ranks, IReadOnlyList<string> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}
