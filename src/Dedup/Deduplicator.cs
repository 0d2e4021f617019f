using System.Diagnostics;
using MusicPile.Dedup.Steps;

namespace MusicPile.Dedup;

/// <summary>
/// Removes duplicates from a stream of documents: exact (content hash), then music (melody fingerprint), then near
/// (MinHash-LSH), each on what the earlier kept; optionally against a previous snapshot's <see cref="DedupIndex"/>,
/// and optionally writing the index of what is kept. Steps hand off through files in a private folder under the
/// work directory, removed at the end.
/// Example: <c>var result = await new Deduplicator(new DedupOptions()).RunAsync(docs, "/tmp/work", onCluster: WriteRowAsync);</c>
/// </summary>
public sealed class Deduplicator
{
    private readonly DedupOptions _options;

    public Deduplicator(DedupOptions options)
    {
        _options = options.Validate();
    }

    /// <param name="documents">The documents of this run, each id once.</param>
    /// <param name="workDirectory">Where temporary files go (a private subfolder is made and removed).</param>
    /// <param name="onCluster">Called once per cluster as soon as it is decided, in a deterministic order.</param>
    /// <param name="previous">Index of the previous snapshot: its documents stay, new documents that duplicate them are dropped.</param>
    /// <param name="indexDirectory">When given, the index of the previous snapshot plus what this run kept is written there (replacing any folder of that name).</param>
    /// <param name="ct">Cancels the run; temporary files are removed.</param>
    public async Task<DedupResult> RunAsync(
        IAsyncEnumerable<DedupDocument> documents,
        string workDirectory,
        Func<DedupCluster, CancellationToken, ValueTask>? onCluster = null,
        DedupIndex? previous = null,
        string? indexDirectory = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (previous is not null && (previous.HashCount != _options.HashCount || previous.Bands != _options.Bands))
            throw new DedupFormatException(previous.Directory, "opened with other hash settings");
        var work = Path.Combine(workDirectory, $"dedup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var run = new DedupRun(_options, work, previous, onCluster);
            var clock = Stopwatch.StartNew();
            await using var sorters = await SignatureStep.RunAsync(run, documents, ct).ConfigureAwait(false);
            var signatureTime = clock.Elapsed;

            clock.Restart();
            await ExactStep.RunAsync(run, sorters.Exact, ct).ConfigureAwait(false);
            await MusicStep.RunAsync(run, sorters.Music, ct).ConfigureAwait(false);
            await NearStep.RunAsync(run, sorters.Bands, ct).ConfigureAwait(false);
            var clusterTime = clock.Elapsed;

            clock.Restart();
            if (indexDirectory is not null)
                await DedupIndexWriter.WriteAsync(run, indexDirectory, ct).ConfigureAwait(false);
            var indexTime = indexDirectory is null ? TimeSpan.Zero : clock.Elapsed;

            var kept = new List<long>();
            for (var doc = 0; doc < run.Docs.Count; doc++)
                if (run.Docs.IsAlive(doc))
                    kept.Add(run.Docs.Id(doc));
            var stats = new DedupStats(run.Sort.SpilledRuns, run.Sort.MergePasses, run.CandidatePairs, run.VerifiedPairs, signatureTime, clusterTime, indexTime);
            return new DedupResult(run.Docs.Count, kept, run.RemovedExact, run.RemovedMusic, run.RemovedNear, run.Clusters, stats);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
