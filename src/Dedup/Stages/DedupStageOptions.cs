using MusicPile.Core.Pipelines;

namespace MusicPile.Dedup.Stages;

/// <summary>Options of the <c>dedup</c> stage: the settings of <see cref="DedupOptions"/> a pipeline may change (defaults from there), and incremental dedup.</summary>
public sealed record DedupStageOptions : IStageOptions
{
    private static readonly DedupOptions Defaults = new();

    /// <summary><c>shingle_size</c>: see <see cref="DedupOptions.ShingleSize"/>.</summary>
    public int ShingleSize { get; init; } = Defaults.ShingleSize;

    /// <summary><c>bands</c>: see <see cref="DedupOptions.Bands"/>.</summary>
    public int Bands { get; init; } = Defaults.Bands;

    /// <summary><c>rows_per_band</c>: see <see cref="DedupOptions.RowsPerBand"/>.</summary>
    public int RowsPerBand { get; init; } = Defaults.RowsPerBand;

    /// <summary><c>seed</c>: see <see cref="DedupOptions.Seed"/>.</summary>
    public ulong Seed { get; init; } = Defaults.Seed;

    /// <summary><c>text_unit</c>: see <see cref="DedupOptions.TextUnit"/>.</summary>
    public ShingleUnit TextUnit { get; init; } = Defaults.TextUnit;

    /// <summary><c>abc_unit</c>: see <see cref="DedupOptions.AbcUnit"/>.</summary>
    public ShingleUnit AbcUnit { get; init; } = Defaults.AbcUnit;

    /// <summary><c>verify_threshold</c> (<c>none</c> joins every candidate): see <see cref="DedupOptions.VerifyThreshold"/>.</summary>
    public double? VerifyThreshold { get; init; } = Defaults.VerifyThreshold;

    /// <summary><c>representative</c>: see <see cref="DedupOptions.Representative"/>.</summary>
    public RepresentativePolicy Representative { get; init; } = Defaults.Representative;

    /// <summary><c>exact</c>: see <see cref="DedupOptions.Exact"/>.</summary>
    public bool Exact { get; init; } = Defaults.Exact;

    /// <summary><c>music</c>: see <see cref="DedupOptions.Music"/>.</summary>
    public bool Music { get; init; } = Defaults.Music;

    /// <summary><c>near</c>: see <see cref="DedupOptions.Near"/>.</summary>
    public bool Near { get; init; } = Defaults.Near;

    /// <summary><c>memory_budget_mb</c>: <see cref="DedupOptions.MemoryBudgetBytes"/> in MiB.</summary>
    public long MemoryBudgetMb { get; init; } = Defaults.MemoryBudgetBytes >> 20;

    /// <summary>Deduplicate against the latest snapshot's index when there is one (<c>incremental</c>). Default true.</summary>
    public bool Incremental { get; init; } = true;

    /// <summary>The deduplicator's settings these give.</summary>
    public DedupOptions ToDedupOptions() => Defaults with
    {
        ShingleSize = ShingleSize, Bands = Bands, RowsPerBand = RowsPerBand, Seed = Seed, TextUnit = TextUnit, AbcUnit = AbcUnit,
        VerifyThreshold = VerifyThreshold, Representative = Representative, Exact = Exact, Music = Music, Near = Near,
        MemoryBudgetBytes = MemoryBudgetMb << 20,
    };

    public void Validate()
    {
        if (MemoryBudgetMb is < 0 or > 1L << 40)
            throw new ArgumentException($"memory_budget_mb must be 0..{1L << 40}, not {MemoryBudgetMb}");
        ToDedupOptions().Validate();
    }
}
