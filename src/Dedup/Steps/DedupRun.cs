using MusicPile.Core.Records;
using MusicPile.Dedup.Shingling;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>State shared by the steps of one run: options, work folder, document table, counters and the cluster sink.</summary>
internal sealed class DedupRun(
    DedupOptions options,
    string workDirectory,
    DedupIndex? previous,
    Func<DedupCluster, CancellationToken, ValueTask>? onCluster)
{
    private long _nextCluster;

    public DedupOptions Options { get; } = options;

    public string WorkDirectory { get; } = workDirectory;

    public DedupIndex? Previous { get; } = previous;

    public DocumentTable Docs { get; } = new();

    public SortStats Sort { get; } = new();

    public MinHasher Hasher { get; } = new(options);

    public string SignaturePath => Path.Combine(WorkDirectory, "signatures.bin");

    public string ExactKeysPath => Path.Combine(WorkDirectory, "exact-new.bin");

    public string MusicKeysPath => Path.Combine(WorkDirectory, "music-new.bin");

    public string NearBandsPath => Path.Combine(WorkDirectory, "bands-live.bin");

    public long RemovedExact { get; set; }

    public long RemovedMusic { get; set; }

    public long RemovedNear { get; set; }

    public long CandidatePairs { get; set; }

    public long VerifiedPairs { get; set; }

    public long Clusters => _nextCluster;

    /// <summary>Budget share of one sorter; the band sorter gets most because each document adds a record per band.</summary>
    public long Budget(double share) => Math.Max(16 << 10, (long)(Options.MemoryBudgetBytes * share));

    public async ValueTask EmitAsync(DedupMethod method, long representative, List<long> members, double similarity, CancellationToken ct)
    {
        var cluster = new DedupCluster(_nextCluster++, method, representative, members.ToArray(), similarity);
        var removed = members.Count - 1;
        switch (method)
        {
            case DedupMethod.Exact: RemovedExact += removed; break;
            case DedupMethod.Music: RemovedMusic += removed; break;
            default: RemovedNear += removed; break;
        }
        if (onCluster is not null)
            await onCluster(cluster, ct).ConfigureAwait(false);
    }
}
