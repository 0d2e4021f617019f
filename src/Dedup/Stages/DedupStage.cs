using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;

namespace MusicPile.Dedup.Stages;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml</c> (stage type <c>dedup</c>): one task over every normalised document of
/// the pipeline's sources as they are today (<see cref="DocumentPool"/>: this run's shards and the documents of unchanged
/// records from earlier runs); exact, music-aware and near duplicates are removed, the clusters and the document index
/// go to the catalog, and the new dedup index is kept for the snapshot.
/// </summary>
public sealed class DedupStage : IStage
{
    public Type OptionsType => typeof(DedupStageOptions);

    public Task<int> PlanAsync(StagePlan plan, CancellationToken ct) => Task.FromResult(1);

    public async Task RunAsync(StageTask task, CancellationToken ct)
    {
        var options = task.Options<DedupStageOptions>().ToDedupOptions();
        // Rebuilt from the whole pool every run: a run deduplicated against an older index would keep documents of
        // files that are gone and lose the duplicates that should take their place.
        await using var pool = await DocumentPool.OpenAsync(task, task.MyInputs, ct).ConfigureAwait(false);
        var indexDir = Path.Combine(task.OutputDir, "index");
        var clusters = new List<DedupCluster>();
        var work = Path.Combine(task.Home.WorkDir, $"run-{task.RunId}");
        Directory.CreateDirectory(work);
        var result = await new Deduplicator(options).RunAsync(Documents(pool.ReadAsync(ct)), work,
            (c, _) => { clusters.Add(c); return ValueTask.CompletedTask; }, null, indexDir, ct).ConfigureAwait(false);

        var kept = result.KeptIds.ToHashSet();
        var clusterOf = new Dictionary<long, long>();
        foreach (var c in clusters)
        {
            foreach (var m in c.Members)
                clusterOf.TryAdd(m, c.ClusterId);
        }
        // The index rows go to a spill file beside the task's output, not to memory.
        var spill = new DocumentIndexSpill(Path.Combine(work, "document-index.bin"));
        long row = 0;
        await foreach (var r in pool.ReadAsync(ct).ConfigureAwait(false))
        {
            task.Counters.AddIn();
            var isKept = kept.Contains(r.Id);
            spill.Add(r.Id, r.Sha256, r.Src, r.Kind, isKept ? row : -1, isKept);
            if (isKept)
            {
                await task.WriteAsync(r, ct).ConfigureAwait(false);
                row++;
            }
        }
        spill.Complete();
        task.Counters.AddRemoved(DedupMethod.Exact, result.RemovedExact);
        task.Counters.AddRemoved(DedupMethod.Music, result.RemovedMusic);
        task.Counters.AddRemoved(DedupMethod.Near, result.RemovedNear);
        task.Counters.Count("clusters", result.Clusters);
        task.Counters.Count("previous_index", pool.Carried > 0 ? 1 : 0);
        task.Counters.Count("documents_new", pool.New);
        task.Counters.Count("documents_carried", pool.Carried);
        task.Counters.Count("taken_down", pool.TakenDown);
        foreach (var f in Directory.GetFiles(indexDir).Order(StringComparer.Ordinal))
            task.AuxPath(Path.Combine("index", Path.GetFileName(f)));
        var dataPath = task.DataPath;
        task.OnCommit(async (conn, tx, token) =>
        {
            await DedupCatalog.WriteClustersAsync(conn, task.RunId, clusters, token).ConfigureAwait(false);
            await DedupCatalog.WriteDocumentsAsync(conn, task.RunId, dataPath, spill.Rows(), clusterOf, token).ConfigureAwait(false);
            spill.Dispose();
            await DocumentPoolCatalog.MarkPooledAsync(conn, tx, task.RunId, token).ConfigureAwait(false);
        });
    }

    private static async IAsyncEnumerable<DedupDocument> Documents(IAsyncEnumerable<CorpusRecord> records)
    {
        long order = 0;
        await foreach (var r in records.ConfigureAwait(false))
        {
            yield return DedupDocument.Of(r, order++);
        }
    }
}
