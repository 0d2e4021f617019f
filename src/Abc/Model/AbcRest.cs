namespace MusicPile.Abc;

/// <summary>A rest: <c>z</c> (visible), <c>x</c> (invisible), <c>Z</c>/<c>X</c> (whole bars; <see cref="AbcTimedElement.Length"/> is the bar count).</summary>
public sealed record AbcRest : AbcTimedElement
{
    /// <summary>The rest letter as written: z, x, Z or X.</summary>
    public char Kind { get; init; } = 'z';

    /// <summary>True for the multi-measure kinds Z and X.</summary>
    public bool IsMultiMeasure => Kind is 'Z' or 'X';
}
