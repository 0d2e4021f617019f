namespace MusicPile.Eval;

/// <summary>How MusicTheoryBench is scored.</summary>
public sealed record MusicTheoryBenchOptions
{
    /// <summary>Option orders per question; the first is the published order. Default 5.</summary>
    public int Shuffles { get; init; } = 5;

    /// <summary>Seed of the option shuffles. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Only questions of this split (<c>dev</c> or <c>test</c>); null scores all. Default <c>test</c>.</summary>
    public string? Split { get; init; } = "test";

    /// <summary>The defaults.</summary>
    public static MusicTheoryBenchOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their ranges.</summary>
    public MusicTheoryBenchOptions Validate()
    {
        if (Shuffles is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(Shuffles), Shuffles, "must be 1..100");
        return this;
    }
}
