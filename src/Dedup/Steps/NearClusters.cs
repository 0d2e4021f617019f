using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MusicPile.Core.Records;
using MusicPile.Dedup.Shingling;
using MusicPile.Dedup.Storage;

namespace MusicPile.Dedup.Steps;

/// <summary>
/// Turns the union-find sets of the near step into clusters: numbered in order of their first document, members
/// gathered by a counting sort, a representative chosen (a previous-index document when there is one, else by
/// policy), the others removed, and the similarity estimated against the representative.
/// </summary>
internal static class NearClusters
{
    public static async Task EmitAsync(DedupRun run, NearGraph graph, SignatureStore store, CancellationToken ct)
    {
        var total = graph.Sets.Count;
        var size = new int[total];
        for (var node = 0; node < total; node++)
            if (graph.IsPrevious(node) || run.Docs.IsAlive(node))
                size[graph.Sets.Find(node)]++;

        var ordinal = new int[total];
        Array.Fill(ordinal, -1);
        var starts = new List<int>();
        var filled = 0;
        for (var doc = 0; doc < graph.CurrentCount; doc++)
        {
            if (!run.Docs.IsAlive(doc))
                continue;
            var root = graph.Sets.Find(doc);
            if (size[root] < 2 || ordinal[root] >= 0)
                continue;
            ordinal[root] = starts.Count;
            starts.Add(filled);
            filled += size[root];
        }
        if (starts.Count == 0)
            return;

        var members = new int[filled];
        var next = starts.ToArray();
        for (var node = graph.CurrentCount; node < total; node++)
            Place(graph, ordinal, next, members, node);
        for (var doc = 0; doc < graph.CurrentCount; doc++)
            if (run.Docs.IsAlive(doc))
                Place(graph, ordinal, next, members, doc);

        using var previousDocs = run.Previous is null ? null
            : File.OpenHandle(run.Previous.PathOf(DedupIndex.DocumentsFile), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var group = new List<int>();
        for (var c = 0; c < starts.Count; c++)
        {
            var end = c + 1 < starts.Count ? starts[c + 1] : filled;
            var nodes = new ArraySegment<int>(members, starts[c], end - starts[c]);
            await EmitOneAsync(run, graph, store, previousDocs, nodes, group, ct).ConfigureAwait(false);
        }
    }

    private static void Place(NearGraph graph, int[] ordinal, int[] next, int[] members, int node)
    {
        var o = ordinal[graph.Sets.Find(node)];
        if (o >= 0)
            members[next[o]++] = node;
    }

    private static async Task EmitOneAsync(DedupRun run, NearGraph graph, SignatureStore store, SafeFileHandle? previousDocs, ArraySegment<int> nodes, List<int> group, CancellationToken ct)
    {
        group.Clear();
        var previous = new List<int>();
        foreach (var node in nodes)
            (graph.IsPrevious(node) ? previous : group).Add(node);

        int representative;
        long representativeId;
        if (previous.Count > 0)
        {
            representative = previous.MinBy(graph.PositionOf);
            representativeId = ReadPreviousId(previousDocs!, graph.PositionOf(representative));
        }
        else
        {
            representative = run.Docs.Best(group, run.Options.Representative);
            representativeId = run.Docs.Id(representative);
        }

        var ids = new List<long>(nodes.Count);
        foreach (var node in previous)
            ids.Add(node == representative ? representativeId : ReadPreviousId(previousDocs!, graph.PositionOf(node)));
        foreach (var doc in group)
        {
            ids.Add(run.Docs.Id(doc));
            if (doc == representative)
                continue;
            if (previous.Count > 0)
                run.Docs.RemoveIntoPrevious(doc, representativeId);
            else
                run.Docs.RemoveInto(doc, representative);
        }

        var similarity = await SimilarityAsync(run, graph, store, representative, group, ct).ConfigureAwait(false);
        await run.EmitAsync(DedupMethod.Near, representativeId, ids, similarity, ct).ConfigureAwait(false);
    }

    private static async Task<double> SimilarityAsync(DedupRun run, NearGraph graph, SignatureStore store, int representative, List<int> group, CancellationToken ct)
    {
        var baseSignature = await graph.ReadSignatureAsync(store, representative, ct).ConfigureAwait(false);
        var sum = 0.0;
        var count = 0;
        foreach (var doc in group)
        {
            if (doc == representative)
                continue;
            if (count == run.Options.SimilaritySampleSize)
                break;
            var other = await graph.ReadSignatureAsync(store, doc, ct).ConfigureAwait(false);
            sum += MinHasher.Similarity(baseSignature, other);
            count++;
        }
        return count == 0 ? 1.0 : Math.Round(sum / count, 6);
    }

    private static long ReadPreviousId(SafeFileHandle documents, int position)
    {
        Span<byte> bytes = stackalloc byte[Marshal.SizeOf<IndexDocument>()];
        var read = RandomAccess.Read(documents, bytes, RecordFileHeader.Size + (long)position * bytes.Length);
        if (read != bytes.Length)
            throw new DedupFormatException(DedupIndex.DocumentsFile, $"position {position} past the end");
        return MemoryMarshal.Read<IndexDocument>(bytes).Id;
    }
}
