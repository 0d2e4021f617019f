namespace MusicPile.Dedup.Storage;

/// <summary>Counters shared by the sorters of one run.</summary>
internal sealed class SortStats
{
    public long SpilledRuns { get; set; }

    public long MergePasses { get; set; }
}
