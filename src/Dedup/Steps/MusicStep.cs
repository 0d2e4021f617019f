using MusicPile.Core.Records;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>
/// Step 3: walk the sorted melody fingerprint hashes of documents exact dedup kept; equal fingerprints form a
/// cluster, and a fingerprint already in the previous index removes the new documents that have it.
/// </summary>
internal static class MusicStep
{
    public static async Task RunAsync(DedupRun run, ExternalSorter<MusicEntry> sorter, CancellationToken ct)
    {
        await using var sorted = await sorter.SortAsync(ct).ConfigureAwait(false);
        await using var previous = run.Previous is null
            ? RecordStream<IndexMusic>.Empty
            : await RecordReader<IndexMusic>.OpenAsync(run.Previous.PathOf(DedupIndex.MusicFile), RecordKind.MusicKeys, ct).ConfigureAwait(false);
        await using var keys = await RecordWriter<MusicEntry>.CreateAsync(run.MusicKeysPath, RecordKind.Temp, 0, ct).ConfigureAwait(false);

        var hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);
        var group = new List<int>();
        var hasNext = await sorted.MoveNextAsync(ct).ConfigureAwait(false);
        while (hasNext)
        {
            var (hi, lo) = (sorted.Current.Hi, sorted.Current.Lo);
            group.Clear();
            while (hasNext && sorted.Current.SameKey(hi, lo))
            {
                if (run.Docs.IsAlive(sorted.Current.Doc))
                    group.Add(sorted.Current.Doc);
                hasNext = await sorted.MoveNextAsync(ct).ConfigureAwait(false);
            }
            if (group.Count == 0)
                continue;
            while (hasPrevious && (previous.Current.Hi, previous.Current.Lo).CompareTo((hi, lo)) < 0)
                hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);

            if (hasPrevious && previous.Current.Hi == hi && previous.Current.Lo == lo)
            {
                if (run.Options.Music)
                    await ExactStep.ClusterWithPreviousAsync(run, DedupMethod.Music, previous.Current.KeptId, group, 1.0, ct).ConfigureAwait(false);
                continue;
            }
            var representative = group[0];
            if (run.Options.Music && group.Count > 1)
            {
                representative = run.Docs.Best(group, run.Options.Representative);
                await ExactStep.ClusterAsync(run, DedupMethod.Music, representative, group, 1.0, ct).ConfigureAwait(false);
            }
            await keys.WriteAsync(new MusicEntry(hi, lo, representative), ct).ConfigureAwait(false);
        }
        await keys.CompleteAsync(ct).ConfigureAwait(false);
    }
}
