namespace MusicPile.Abc;

/// <summary>What the normaliser keeps and repairs. Defaults give the corpus form: <c>X:1 L: Q: M: K:</c>, music only.</summary>
public sealed record AbcNormalizerOptions
{
    /// <summary>Keep <c>T:</c> titles (in the header after <c>X:</c>, and in the body). Default false.</summary>
    public bool KeepTitles { get; init; }

    /// <summary>Keep lyrics <c>w:</c> and <c>W:</c>. Default false.</summary>
    public bool KeepLyrics { get; init; }

    /// <summary>Keep chord symbols <c>"Am"</c>. Default true.</summary>
    public bool KeepChordSymbols { get; init; } = true;

    /// <summary>Keep annotations <c>"^text"</c>. Default true.</summary>
    public bool KeepAnnotations { get; init; } = true;

    /// <summary>Keep decorations (<c>!trill!</c>, <c>~</c>, ...). Default true.</summary>
    public bool KeepDecorations { get; init; } = true;

    /// <summary>Keep grace notes. Default true.</summary>
    public bool KeepGraceNotes { get; init; } = true;

    /// <summary>Keep <c>Q:</c> in the header. Default true.</summary>
    public bool KeepTempo { get; init; } = true;

    /// <summary>Keep <c>%%</c> directives and <c>I:</c> fields. Default false.</summary>
    public bool KeepDirectives { get; init; }

    /// <summary>Apply the counted dialect repairs (decoration before slur, unprefixed text to annotation). Default true.</summary>
    public bool RepairDialects { get; init; } = true;

    /// <summary>Semitones to transpose by, -24..24. Default 0.</summary>
    public int Transpose { get; init; }

    /// <summary>The <c>X:</c> number written. Default 1.</summary>
    public int ReferenceNumber { get; init; } = 1;

    /// <summary>The corpus defaults.</summary>
    public static AbcNormalizerOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their ranges.</summary>
    public AbcNormalizerOptions Validate()
    {
        if (Transpose is < -24 or > 24)
            throw new ArgumentOutOfRangeException(nameof(Transpose), Transpose, "transpose must be within -24..24 semitones");
        if (ReferenceNumber < 0)
            throw new ArgumentOutOfRangeException(nameof(ReferenceNumber), ReferenceNumber, "reference number must not be negative");
        return this;
    }
}
