namespace MusicPile.Abc;

/// <summary>Notes sounding together, <c>[CEG]2</c>. Its duration is its first note's times the chord's own length.</summary>
public sealed record AbcChord : AbcTimedElement
{
    /// <summary>The notes in written order.</summary>
    public IReadOnlyList<AbcNote> Notes { get; init; } = [];

    /// <summary>Decorations written inside the brackets, by name.</summary>
    public IReadOnlyList<string> InnerDecorations { get; init; } = [];

    /// <summary>A tie follows the closing bracket.</summary>
    public bool Tie { get; init; }
}
