namespace MusicPile.Abc;

/// <summary>A bar line such as <c>|</c>, <c>||</c>, <c>[|</c>, <c>|]</c>, <c>|:</c>, <c>:|</c>, <c>::</c>, with an optional ending <c>[1</c>, <c>|2</c>, <c>[1,3</c>, <c>[1-3</c>.</summary>
/// <param name="Kind">The bar characters as written; empty for an ending written alone (<c>[2</c>).</param>
/// <param name="Ending">The ending numbers (<c>1</c>, <c>1,3</c>, <c>1-3</c>) that start after it, or null.</param>
public sealed record AbcBarLine(string Kind, string? Ending) : AbcElement
{
    /// <summary>Closes a repeated section (<c>:|</c>, <c>::</c>).</summary>
    public bool IsRepeatEnd => Kind.StartsWith(':');

    /// <summary>Opens a repeated section (<c>|:</c>, <c>::</c>).</summary>
    public bool IsRepeatStart => Kind.Length > 0 && Kind[^1] == ':';

    /// <summary>Ends a section: a repeat sign, a double or thick bar.</summary>
    public bool IsSectionEnd
    {
        get
        {
            if (IsRepeatEnd || IsRepeatStart)
                return true;
            var kind = Kind;
            for (var i = 0; i < kind.Length; i++)
            {
                if (kind[i] is '[' or ']' || (kind[i] == '|' && i + 1 < kind.Length && kind[i + 1] == '|'))
                    return true;
            }
            return false;
        }
    }

    /// <summary>The ending numbers as a set (<c>1-3</c> gives 1, 2, 3); empty when no ending.</summary>
    public IReadOnlyList<int> EndingNumbers => EndingParser.Numbers(Ending);
}
