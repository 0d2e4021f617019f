namespace MusicPile.Abc;

/// <summary>A slur start <c>(</c> or end <c>)</c>.</summary>
/// <param name="Start">True for <c>(</c>.</param>
public sealed record AbcSlur(bool Start) : AbcElement;
