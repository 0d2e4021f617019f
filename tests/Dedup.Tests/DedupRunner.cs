using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

/// <summary>Runs the deduplicator on a list of documents and keeps every cluster it reports.</summary>
internal static class DedupRunner
{
    public static async Task<(DedupResult Result, List<DedupCluster> Clusters)> RunAsync(
        DedupOptions options, IEnumerable<DedupDocument> docs, string work, DedupIndex? previous = null, string? indexDirectory = null)
    {
        var clusters = new List<DedupCluster>();
        var result = await new Deduplicator(options).RunAsync(
            Stream(docs), work, (c, _) => { clusters.Add(c); return ValueTask.CompletedTask; }, previous, indexDirectory, TestContext.Current.CancellationToken);
        return (result, clusters);
    }

    public static async IAsyncEnumerable<DedupDocument> Stream(IEnumerable<DedupDocument> docs)
    {
        foreach (var d in docs)
        {
            await Task.Yield();
            yield return d;
        }
    }
}
