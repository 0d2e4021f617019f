using System.Text.Json;
using MusicPile.Abc;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace MusicPile.Dedup.Stages;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml</c> (stage type <c>dedup</c>): one task over every normalised document of
/// the pipeline's sources as they are today (<see cref="DocumentPool"/>: this run's shards and the documents of unchanged
/// records from earlier runs); exact, music-aware and near duplicates are removed, the clusters and the document index
/// go to the catalog, and the new dedup index is kept for the snapshot.
/// </summary>
public sealed class DedupStage : IStage
{
    public Task<int> PlanAsync(StagePlan plan, CancellationToken ct) => Task.FromResult(1);

    public async Task RunAsync(StageTask task, CancellationToken ct)
    {
        var options = DedupStageOptions.From(task.Options);
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
        task.Counters.Count("removed_exact", result.RemovedExact);
        task.Counters.Count("removed_music", result.RemovedMusic);
        task.Counters.Count("removed_near", result.RemovedNear);
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
            await WriteClustersAsync(conn, task.RunId, clusters, token).ConfigureAwait(false);
            await spill.CopyAsync(conn, task.RunId, dataPath, clusterOf, token).ConfigureAwait(false);
            spill.Dispose();
            await DocumentPoolCatalog.MarkPooledAsync(conn, tx, task.RunId, token).ConfigureAwait(false);
        });
    }

    private static async IAsyncEnumerable<DedupDocument> Documents(IAsyncEnumerable<CorpusRecord> records)
    {
        long order = 0;
        await foreach (var r in records.ConfigureAwait(false))
        {
            string? fingerprint = null;
            var warnings = 0;
            if (r.Kind == CorpusRecord.Kinds.Abc)
            {
                var tune = AbcDocument.ParseTune(r.Text);
                if (tune is not null)
                    fingerprint = MelodyFingerprint.Compute(tune);
                warnings = ReadWarnings(r.Meta);
            }
            yield return new DedupDocument(r.Id, r.Text, r.Kind, r.Src, fingerprint, warnings, order++, r.Sha256);
        }
    }

    private static int ReadWarnings(string meta)
    {
        try
        {
            using var doc = JsonDocument.Parse(meta);
            return doc.RootElement.TryGetProperty("warnings", out var w) && w.TryGetInt32(out var n) ? n : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static async Task WriteClustersAsync(NpgsqlConnection conn, long runId, List<DedupCluster> clusters, CancellationToken ct)
    {
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY dedup_clusters (run_id, cluster_id, method, representative, members, similarity) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var c in clusters)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(runId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(c.ClusterId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(c.Method.ToString().ToLowerInvariant(), NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(c.Representative, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(c.Members.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(c.Similarity, NpgsqlDbType.Double, ct).ConfigureAwait(false);
            }
            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }
    }
}
