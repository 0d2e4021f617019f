namespace MusicPile.Abc;

/// <summary>Grace notes <c>{gag}</c> (or <c>{/g}</c>, an acciaccatura); they take no time in the bar.</summary>
public sealed record AbcGraceGroup : AbcElement
{
    /// <summary>The grace notes; their <see cref="AbcTimedElement.Duration"/> is zero.</summary>
    public IReadOnlyList<AbcNote> Notes { get; init; } = [];

    /// <summary>Written with a slash after the brace.</summary>
    public bool Acciaccatura { get; init; }
}
