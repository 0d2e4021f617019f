namespace MusicPile.Abc;

/// <summary>A tuplet <c>(p:q:r</c>: the next <paramref name="R"/> notes, <paramref name="P"/> of them in the time of <paramref name="Q"/>.</summary>
/// <param name="P">Notes written.</param>
/// <param name="Q">In the time of this many.</param>
/// <param name="R">How many following notes it covers.</param>
public sealed record AbcTuplet(int P, int Q, int R) : AbcElement;
