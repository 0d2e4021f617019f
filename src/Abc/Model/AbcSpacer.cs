namespace MusicPile.Abc;

/// <summary>Layout-only symbols: <c>y</c> (spacer) and <c>&amp;</c> (voice overlay).</summary>
/// <param name="Symbol">The character written.</param>
public sealed record AbcSpacer(char Symbol) : AbcElement;
