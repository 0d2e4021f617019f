namespace MusicPile.Abc;

/// <summary>A chord symbol, quoted text without a placement prefix: <c>"Am7"</c>.</summary>
/// <param name="Text">The text between the quotes.</param>
public sealed record AbcChordSymbol(string Text) : AbcElement;
