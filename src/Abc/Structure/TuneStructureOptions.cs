namespace MusicPile.Abc;

/// <summary>Thresholds of the form algorithm. Defaults follow ChatMusician's description.</summary>
public sealed record TuneStructureOptions
{
    /// <summary>Similarity (0-10) at or above which a section takes the letter of the earlier one it matches. Default 8.</summary>
    public double SameThreshold { get; init; } = 8;

    /// <summary>Similarity (0-10) at or above which a section is a variation (letter with a prime). Default 6.</summary>
    public double VariationThreshold { get; init; } = 6;

    /// <summary>Sections with fewer bars with notes than this (pickups, stray bars) join a neighbour. Default 2.</summary>
    public int MinSectionBars { get; init; } = 2;

    /// <summary>A section closed by a repeat sign appears twice in the letter form (<c>|: A :| |: B :|</c> is AABB). Default true.</summary>
    public bool ExpandRepeats { get; init; } = true;

    /// <summary>The longest motif looked for, in notes. Default 8.</summary>
    public int MaxMotifLength { get; init; } = 8;

    /// <summary>The defaults.</summary>
    public static TuneStructureOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their ranges.</summary>
    public TuneStructureOptions Validate()
    {
        if (VariationThreshold is < 0 or > 10 || SameThreshold is < 0 or > 10 || VariationThreshold > SameThreshold)
            throw new ArgumentOutOfRangeException(nameof(VariationThreshold), "thresholds must satisfy 0 <= variation <= same <= 10");
        if (MinSectionBars is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(MinSectionBars), MinSectionBars, "must be 1..64");
        if (MaxMotifLength is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(MaxMotifLength), MaxMotifLength, "must be 1..32");
        return this;
    }
}
