using MusicPile.Abc;
using MusicPile.Core.Pipelines;

namespace MusicPile.Normalize;

/// <summary>
/// Options of the <c>normalize</c> stage: what ABC keeps in corpus form (defaults from
/// <see cref="AbcNormalizerOptions.Default"/>), extra transposed copies, and the text quality thresholds.
/// </summary>
public sealed record NormalizeOptions : IStageOptions
{
    private static readonly AbcNormalizerOptions Abc = AbcNormalizerOptions.Default;

    /// <summary>Extra copies of each tune transposed by the first N shifts of <see cref="NormalizeStage.TranspositionOrder"/> (<c>transpose_keys</c>). Default 0.</summary>
    public int TransposeKeys { get; init; }

    /// <summary><c>keep_titles</c>: see <see cref="AbcNormalizerOptions.KeepTitles"/>.</summary>
    public bool KeepTitles { get; init; } = Abc.KeepTitles;

    /// <summary><c>keep_lyrics</c>: see <see cref="AbcNormalizerOptions.KeepLyrics"/>.</summary>
    public bool KeepLyrics { get; init; } = Abc.KeepLyrics;

    /// <summary><c>keep_chord_symbols</c>: see <see cref="AbcNormalizerOptions.KeepChordSymbols"/>.</summary>
    public bool KeepChordSymbols { get; init; } = Abc.KeepChordSymbols;

    /// <summary><c>keep_annotations</c>: see <see cref="AbcNormalizerOptions.KeepAnnotations"/>.</summary>
    public bool KeepAnnotations { get; init; } = Abc.KeepAnnotations;

    /// <summary><c>keep_decorations</c>: see <see cref="AbcNormalizerOptions.KeepDecorations"/>.</summary>
    public bool KeepDecorations { get; init; } = Abc.KeepDecorations;

    /// <summary><c>keep_grace_notes</c>: see <see cref="AbcNormalizerOptions.KeepGraceNotes"/>.</summary>
    public bool KeepGraceNotes { get; init; } = Abc.KeepGraceNotes;

    /// <summary><c>keep_tempo</c>: see <see cref="AbcNormalizerOptions.KeepTempo"/>.</summary>
    public bool KeepTempo { get; init; } = Abc.KeepTempo;

    /// <summary><c>keep_directives</c>: see <see cref="AbcNormalizerOptions.KeepDirectives"/>.</summary>
    public bool KeepDirectives { get; init; } = Abc.KeepDirectives;

    /// <summary><c>repair_dialects</c>: see <see cref="AbcNormalizerOptions.RepairDialects"/>.</summary>
    public bool RepairDialects { get; init; } = Abc.RepairDialects;

    /// <summary>Text quality thresholds (<c>min_words</c>, <c>max_symbol_ratio</c>, ...).</summary>
    public TextQualityOptions Quality { get; init; } = new();

    /// <summary>The ABC normaliser's options these give.</summary>
    public AbcNormalizerOptions AbcOptions => Abc with
    {
        KeepTitles = KeepTitles, KeepLyrics = KeepLyrics, KeepChordSymbols = KeepChordSymbols, KeepAnnotations = KeepAnnotations,
        KeepDecorations = KeepDecorations, KeepGraceNotes = KeepGraceNotes, KeepTempo = KeepTempo, KeepDirectives = KeepDirectives,
        RepairDialects = RepairDialects,
    };

    public void Validate()
    {
        if (TransposeKeys < 0 || TransposeKeys > NormalizeStage.TranspositionOrder.Count)
            throw new ArgumentException($"transpose_keys must be 0..{NormalizeStage.TranspositionOrder.Count}, not {TransposeKeys}");
        AbcOptions.Validate();
        Quality.Validate();
    }
}
