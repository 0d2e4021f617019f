namespace MusicPile.Abc;

/// <summary>One tune: its header fields (file-header fields it inherits included), its voices and what parsing found.</summary>
public sealed record AbcTune
{
    /// <summary>0-based position of the tune among the <c>X:</c> tunes of its file.</summary>
    public int Index { get; init; }

    /// <summary>1-based line of its <c>X:</c> field in the original file.</summary>
    public int StartLine { get; init; }

    /// <summary>1-based line of its last line in the original file.</summary>
    public int EndLine { get; init; }

    /// <summary>The file it came from, if known.</summary>
    public string? FileName { get; init; }

    /// <summary>The value of <c>X:</c> as written.</summary>
    public string X { get; init; } = "";

    /// <summary>Header fields in order, from <c>X:</c> to <c>K:</c>; inherited file-header fields follow <c>X:</c>.</summary>
    public IReadOnlyList<AbcField> Header { get; init; } = [];

    /// <summary>The voices in order of first appearance.</summary>
    public IReadOnlyList<AbcVoice> Voices { get; init; } = [];

    /// <summary>Problems found while reading the text (validation adds its own).</summary>
    public IReadOnlyList<AbcDiagnostic> ParseDiagnostics { get; init; } = [];

    /// <summary>The key of the header (C major when missing or unreadable).</summary>
    public AbcKey Key { get; init; } = AbcKey.CMajor;

    /// <summary>The meter of the header (free when missing).</summary>
    public AbcMeter Meter { get; init; } = AbcMeter.Free;

    /// <summary>The unit note length of the header (<c>L:</c> or the default from the meter).</summary>
    public Rational UnitLength { get; init; } = new(1, 8);

    /// <summary>True when the header had a <c>K:</c>.</summary>
    public bool HasKey { get; init; }

    /// <summary>The first value of a header field, or null.</summary>
    public string? Field(char name)
    {
        foreach (var f in Header)
        {
            if (f.Name == name)
                return f.Value;
        }
        return null;
    }

    /// <summary>The first title (<c>T:</c>), or null.</summary>
    public string? Title => Field('T');

    /// <summary>A canonical dump of the structure without source positions: equal strings mean structurally equal tunes.</summary>
    public string ToStructureString() => StructureDump.Dump(this);

    /// <summary>Structural equality: same header fields, voices, bars and elements, ignoring source positions.</summary>
    public bool StructurallyEquals(AbcTune other) =>
        string.Equals(ToStructureString(), other.ToStructureString(), StringComparison.Ordinal);
}
