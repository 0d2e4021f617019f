namespace MusicPile.Abc;

/// <summary>A stylesheet directive line <c>%%...</c> inside the body.</summary>
/// <param name="Text">The text after <c>%%</c>.</param>
public sealed record AbcDirective(string Text) : AbcElement;
