namespace MusicPile.Abc;

/// <summary>A field inside the body: a field line (<c>K:D</c>, <c>w:...</c>) or an inline field (<c>[K:D]</c>).</summary>
/// <param name="Name">The field letter.</param>
/// <param name="Value">The value, trimmed.</param>
/// <param name="Inline">Written in brackets inside a music line.</param>
public sealed record AbcFieldElement(char Name, string Value, bool Inline) : AbcElement;
