namespace MusicPile.Abc;

/// <summary>A header field <c>T:Title</c>; a header directive <c>%%...</c> has the name <c>'%'</c>.</summary>
/// <param name="Name">The field letter.</param>
/// <param name="Value">The value, trimmed.</param>
public sealed record AbcField(char Name, string Value)
{
    /// <summary>1-based line in the original file (0 when made by code or inherited from a file header).</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the value in the original file.</summary>
    public int Column { get; init; }
}
