using MusicPile.Core.Records;
using MusicPile.Dedup.Hashing;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>
/// Step 2: walk the sorted content hashes; equal hashes form a cluster. A hash already in the previous index
/// removes every new document that has it, in favour of the previous kept document. Writes one
/// (hash, representative) record per new distinct hash for the next index.
/// </summary>
internal static class ExactStep
{
    public static async Task RunAsync(DedupRun run, ExternalSorter<ExactEntry> sorter, CancellationToken ct)
    {
        await using var sorted = await sorter.SortAsync(ct).ConfigureAwait(false);
        await using var previous = run.Previous is null
            ? RecordStream<IndexExact>.Empty
            : await RecordReader<IndexExact>.OpenAsync(run.Previous.PathOf(DedupIndex.ExactFile), RecordKind.ExactKeys, ct).ConfigureAwait(false);
        await using var keys = await RecordWriter<ExactEntry>.CreateAsync(run.ExactKeysPath, RecordKind.Temp, 0, ct).ConfigureAwait(false);

        var hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);
        var group = new List<int>();
        var hasNext = await sorted.MoveNextAsync(ct).ConfigureAwait(false);
        while (hasNext)
        {
            var key = sorted.Current.Key;
            group.Clear();
            while (hasNext && sorted.Current.Key == key)
            {
                group.Add(sorted.Current.Doc);
                hasNext = await sorted.MoveNextAsync(ct).ConfigureAwait(false);
            }
            while (hasPrevious && previous.Current.Key.CompareTo(key) < 0)
                hasPrevious = await previous.MoveNextAsync(ct).ConfigureAwait(false);

            if (hasPrevious && previous.Current.Key == key)
            {
                if (run.Options.Exact)
                    await ClusterWithPreviousAsync(run, DedupMethod.Exact, previous.Current.KeptId, group, 1.0, ct).ConfigureAwait(false);
                continue;
            }
            var representative = group[0];
            if (run.Options.Exact && group.Count > 1)
            {
                representative = run.Docs.Best(group, run.Options.Representative);
                await ClusterAsync(run, DedupMethod.Exact, representative, group, 1.0, ct).ConfigureAwait(false);
            }
            await keys.WriteAsync(new ExactEntry(key, representative), ct).ConfigureAwait(false);
        }
        await keys.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Removes every member but <paramref name="representative"/> and reports the cluster.</summary>
    public static async ValueTask ClusterAsync(DedupRun run, DedupMethod method, int representative, List<int> group, double similarity, CancellationToken ct)
    {
        var members = new List<long>(group.Count);
        foreach (var doc in group)
        {
            members.Add(run.Docs.Id(doc));
            if (doc != representative)
                run.Docs.RemoveInto(doc, representative);
        }
        await run.EmitAsync(method, run.Docs.Id(representative), members, similarity, ct).ConfigureAwait(false);
    }

    /// <summary>Removes every member in favour of a document of the previous snapshot and reports the cluster.</summary>
    public static async ValueTask ClusterWithPreviousAsync(DedupRun run, DedupMethod method, long previousId, List<int> group, double similarity, CancellationToken ct)
    {
        var members = new List<long>(group.Count + 1) { previousId };
        foreach (var doc in group)
        {
            members.Add(run.Docs.Id(doc));
            run.Docs.RemoveIntoPrevious(doc, previousId);
        }
        await run.EmitAsync(method, previousId, members, similarity, ct).ConfigureAwait(false);
    }
}
