namespace MusicPile.Abc;

/// <summary>The end of a music line (not written where a line ends with the continuation <c>\</c>).</summary>
public sealed record AbcLineBreak : AbcElement;
