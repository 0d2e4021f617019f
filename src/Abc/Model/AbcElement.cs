namespace MusicPile.Abc;

/// <summary>One item of a bar in the order written. Positions are 1-based in the original file and are not part of a tune's structure.</summary>
public abstract record AbcElement
{
    /// <summary>1-based line in the original file (0 when made by code).</summary>
    public int Line { get; init; }

    /// <summary>1-based column in the original file (0 when made by code).</summary>
    public int Column { get; init; }
}
