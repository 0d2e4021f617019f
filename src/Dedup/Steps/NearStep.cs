using MusicPile.Dedup.Shingling;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>
/// Step 4: merge the spilled band-bucket runs; each run of equal (band, bucket) among documents still kept gives
/// candidate pairs, streamed into union-find (verified by estimated Jaccard when asked). Documents of the previous
/// index sharing the bucket join as extra nodes, read from its band file in the same sorted walk. Also keeps the
/// band entries of surviving documents for the next index.
/// </summary>
internal static class NearStep
{
    private const int TriesPerDocument = 8;

    public static async Task RunAsync(DedupRun run, ExternalSorter<BandEntry> sorter, CancellationToken ct)
    {
        var graph = new NearGraph(run);
        using var store = new SignatureStore(run);
        await using (var sorted = await sorter.SortAsync(ct).ConfigureAwait(false))
        await using (var live = await RecordWriter<BandEntry>.CreateAsync(run.NearBandsPath, RecordKind.Temp, 0, ct).ConfigureAwait(false))
        {
            RecordReader<IndexBand>? previous = null;
            var previousBand = -1;
            var hasPrevious = false;
            var group = new List<int>();
            var old = new List<int>();
            try
            {
                var hasNext = await sorted.MoveNextAsync(ct).ConfigureAwait(false);
                while (hasNext)
                {
                    var (band, bucket) = (sorted.Current.Band, sorted.Current.Bucket);
                    group.Clear();
                    while (hasNext && sorted.Current.Band == band && sorted.Current.Bucket == bucket)
                    {
                        if (run.Docs.IsAlive(sorted.Current.Doc))
                        {
                            group.Add(sorted.Current.Doc);
                            await live.WriteAsync(sorted.Current, ct).ConfigureAwait(false);
                        }
                        hasNext = await sorted.MoveNextAsync(ct).ConfigureAwait(false);
                    }
                    if (group.Count == 0 || !run.Options.Near)
                        continue;

                    old.Clear();
                    if (run.Previous is not null)
                    {
                        if (band != previousBand)
                        {
                            if (previous is not null)
                                await previous.DisposeAsync().ConfigureAwait(false);
                            previous = await RecordReader<IndexBand>.OpenAsync(run.Previous.PathOf(DedupIndex.BandFile(band)), RecordKind.BandBuckets, ct).ConfigureAwait(false);
                            previousBand = band;
                            hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);
                        }
                        while (hasPrevious && previous!.Current.Bucket < bucket)
                            hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);
                        while (hasPrevious && previous!.Current.Bucket == bucket)
                        {
                            old.Add(previous.Current.Position);
                            hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);
                        }
                    }
                    if (group.Count + old.Count >= 2)
                        await JoinAsync(run, graph, store, group, old, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (previous is not null)
                    await previous.DisposeAsync().ConfigureAwait(false);
            }
            await live.CompleteAsync(ct).ConfigureAwait(false);
        }
        if (run.Options.Near)
            await NearClusters.EmitAsync(run, graph, store, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Each new document is compared with the earlier members of the bucket (previous-index members first) until one
    /// is already in its set or passes verification; pairs of two previous documents are never joined.
    /// </summary>
    private static async Task JoinAsync(DedupRun run, NearGraph graph, SignatureStore store, List<int> group, List<int> old, CancellationToken ct)
    {
        var nodes = new List<int>(old.Count + group.Count);
        foreach (var position in old)
            nodes.Add(graph.PreviousNode(position));
        nodes.AddRange(group);
        var signatures = new ulong[]?[nodes.Count];
        var threshold = run.Options.VerifyThreshold;
        for (var k = old.Count == 0 ? 1 : old.Count; k < nodes.Count; k++)
        {
            for (var j = 0; j < k && j < TriesPerDocument; j++)
            {
                if (graph.Sets.Find(nodes[j]) == graph.Sets.Find(nodes[k]))
                    break;
                run.CandidatePairs++;
                if (threshold is { } t)
                {
                    var a = signatures[j] ??= await graph.ReadSignatureAsync(store, nodes[j], ct).ConfigureAwait(false);
                    var b = signatures[k] ??= await graph.ReadSignatureAsync(store, nodes[k], ct).ConfigureAwait(false);
                    if (MinHasher.Similarity(a, b) < t)
                        continue;
                }
                run.VerifiedPairs++;
                graph.Sets.Union(nodes[j], nodes[k]);
                break;
            }
        }
    }
}
