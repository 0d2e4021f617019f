namespace MusicPile.Abc;

/// <summary>A decoration: <c>!trill!</c>, <c>+trill+</c> or a one-character shorthand such as <c>~</c> or <c>T</c>.</summary>
/// <param name="Name">The name between the delimiters, or the shorthand character.</param>
/// <param name="Form"><c>'!'</c>, <c>'+'</c>, or the shorthand character itself.</param>
public sealed record AbcDecoration(string Name, char Form) : AbcElement;
