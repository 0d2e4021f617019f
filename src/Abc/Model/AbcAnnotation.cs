namespace MusicPile.Abc;

/// <summary>Quoted text with a placement prefix: <c>"^Fine"</c>.</summary>
/// <param name="Placement">One of <c>^ _ &lt; &gt; @</c>.</param>
/// <param name="Text">The text after the prefix.</param>
public sealed record AbcAnnotation(char Placement, string Text) : AbcElement;
