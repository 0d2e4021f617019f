namespace MusicPile.Abc;

/// <summary>Broken rhythm between two notes: <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, ...</summary>
/// <param name="Direction"><c>'&gt;'</c> (first note longer) or <c>'&lt;'</c>.</param>
/// <param name="Count">How many signs (1 to 3).</param>
public sealed record AbcBrokenRhythm(char Direction, int Count) : AbcElement;
