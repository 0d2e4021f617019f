using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Publish;

/// <summary>
/// <c>musicpile run pipelines/nightly.yaml</c> (stage type <c>publish</c>): turns the deduplicated shards (every document
/// of today's sources that dedup kept) into an immutable snapshot under <c>data/snapshots/{id}/{src}/</c>, less what a
/// takedown covers, keeping the parent snapshot's files whose documents all stay (hard links), with a manifest of
/// checksums, a dataset card (<see cref="DatasetCard"/>) and the snapshot's documents in the catalog. The folder is built under a temporary name and renamed, and the catalog rows commit with
/// the task, so a failed publish leaves no half snapshot. The id is a hash of the manifest: the same data gives the
/// same snapshot.
/// </summary>
public sealed class PublishStage : IStage
{
    public Type OptionsType => typeof(PublishOptions);

    public Task<int> PlanAsync(StagePlan plan, CancellationToken ct) => Task.FromResult(1);

    public async Task RunAsync(StageTask task, CancellationToken ct)
    {
        var options = task.Options<PublishOptions>();
        var rowsPerFile = options.RowsPerFile;
        var parent = options.Incremental ? await SnapshotCatalog.LatestAsync(task.Catalog, ct).ConfigureAwait(false) : null;
        var root = task.Home.SnapshotsDir;
        Directory.CreateDirectory(root);
        var tmp = Path.Combine(root, $".tmp-{task.RunId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(tmp);
        try
        {
            var licences = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var kept = await KeptAsync(task, licences, ct).ConfigureAwait(false);
            var linked = parent is null ? ParentFiles.None : await ParentFiles.LinkAsync(task, parent, tmp, kept, ct).ConfigureAwait(false);
            var files = new List<SnapshotCatalog.SnapshotFileRow>(linked.Files);
            var documents = new List<SnapshotDocumentCatalog.Row>(linked.Documents);
            files.AddRange(await WriteNewAsync(task, tmp, rowsPerFile, r => kept.ContainsKey(r.Id) && !linked.Covered.Contains(r.Id), documents, ct).ConfigureAwait(false));
            // The records kept are those now in the snapshot's files, linked from the parent or written here.
            task.KeptElsewhere(documents.Count, files.Sum(f => f.SizeBytes));
            var indexDir = CopyIndex(task, tmp);
            var earlier = await EarlierStagesAsync(task, ct).ConfigureAwait(false);
            var removed = earlier.RemovedByMethod.ToDictionary(kv => kv.Key.Code(), kv => kv.Value);
            var manifest = SnapshotManifest.Build(task, parent?.Id, files, removed);
            var id = manifest.Id;
            var final = Path.Combine(root, id);
            if (await SnapshotCatalog.GetAsync(task.Catalog, id, ct).ConfigureAwait(false) is not null)
            {
                task.Counters.Count("unchanged");
                return;
            }
            await File.WriteAllTextAsync(Path.Combine(tmp, "manifest.json"), manifest.Json, ct).ConfigureAwait(false);
            var created = DateTime.UtcNow;
            // The card is derived from the manifest and kept out of its file list, so it never changes the snapshot id.
            var card = SnapshotCard.Facts(task, id, parent?.Id, created, files, documents, licences, removed, earlier);
            await File.WriteAllTextAsync(Path.Combine(tmp, DatasetCard.FileName), DatasetCard.Build(card), ct).ConfigureAwait(false);
            if (Directory.Exists(final))
                Directory.Delete(final, recursive: true); // an earlier attempt renamed it but did not commit
            Directory.Move(tmp, final);
            task.Counters.Count("documents", manifest.Documents);
            task.Counters.Count("files", files.Count);
            var row = new SnapshotCatalog.SnapshotRow(id, parent?.Id, task.RunId, task.Plan.Pipeline.ConfigHash, PipelineRunner.CodeVersion,
                manifest.Sha256, manifest.Documents, manifest.CountsJson, created, indexDir is null ? null : Path.Combine(final, "dedup-index"));
            task.OnCommit(async (conn, tx, token) =>
            {
                await SnapshotCatalog.InsertAsync(conn, tx, row, manifest.Json, files, token).ConfigureAwait(false);
                await SnapshotDocumentCatalog.InsertAsync(conn, id, documents, token).ConfigureAwait(false);
            });
        }
        finally
        {
            if (Directory.Exists(tmp))
                Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>
    /// The documents to publish (id and content hash): dedup's output less what a takedown covers now; the licences
    /// their meta names are gathered per source into <paramref name="licences"/>.
    /// </summary>
    private static async Task<Dictionary<long, string>> KeptAsync(StageTask task, Dictionary<string, SortedSet<string>> licences, CancellationToken ct)
    {
        var takenDown = await TakedownCatalog.ShasAsync(task.Catalog, ct).ConfigureAwait(false);
        var kept = new Dictionary<long, string>();
        foreach (var input in task.MyInputs)
        {
            await foreach (var r in CorpusShardReader.ReadAsync(input.Path, ct).ConfigureAwait(false))
            {
                if (takenDown.Contains(r.Sha256))
                {
                    task.Counters.Count("taken_down");
                    task.Counters.AddRejected("taken-down");
                }
                else
                {
                    kept[r.Id] = r.Sha256;
                    if (!licences.TryGetValue(r.Src, out var set))
                        licences[r.Src] = set = new SortedSet<string>(StringComparer.Ordinal);
                    if (SnapshotCard.LicenceOf(r.Meta) is { Length: > 0 } licence)
                        set.Add(licence);
                }
            }
        }
        return kept;
    }

    private static async Task<IReadOnlyList<SnapshotCatalog.SnapshotFileRow>> WriteNewAsync(StageTask task, string tmp, int rowsPerFile,
        Func<CorpusRecord, bool> include, List<SnapshotDocumentCatalog.Row> documents, CancellationToken ct)
    {
        var firstNew = documents.Count;
        var writers = new Dictionary<string, (CorpusShardWriter Writer, string Path, int Part)>(StringComparer.Ordinal);
        var done = new List<(string Src, string Path)>();
        try
        {
            foreach (var input in task.MyInputs)
            {
                await foreach (var r in CorpusShardReader.ReadAsync(input.Path, ct).ConfigureAwait(false))
                {
                    task.Counters.AddIn();
                    if (!include(r))
                        continue;
                    if (!writers.TryGetValue(r.Src, out var w) || w.Writer.Rows >= rowsPerFile)
                    {
                        var part = 0;
                        if (w.Writer is not null)
                        {
                            await w.Writer.CompleteAsync(ct).ConfigureAwait(false);
                            await w.Writer.DisposeAsync().ConfigureAwait(false);
                            done.Add((r.Src, w.Path));
                            part = w.Part + 1;
                        }
                        var rel = Path.Combine(SafeName(r.Src), $"part-r{task.RunId:000000}-{part:00000}.parquet");
                        w = (CorpusShardWriter.Create(Path.Combine(tmp, rel)), rel, part);
                        writers[r.Src] = w;
                    }
                    await w.Writer.WriteAsync(r, ct).ConfigureAwait(false);
                    documents.Add(new SnapshotDocumentCatalog.Row(r.Id, r.Sha256, r.Src, r.Kind, w.Path, SnapshotDocumentCatalog.SourcePathOf(r.SourceUri)));
                }
            }
            foreach (var (src, w) in writers)
            {
                await w.Writer.CompleteAsync(ct).ConfigureAwait(false);
                done.Add((src, w.Path));
            }
        }
        finally
        {
            foreach (var w in writers.Values)
                await w.Writer.DisposeAsync().ConfigureAwait(false);
        }
        // Files are named by their content, so equal data gives equal names and a child never collides with its parent.
        var rows = new List<SnapshotCatalog.SnapshotFileRow>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (src, rel) in done)
        {
            var full = Path.Combine(tmp, rel);
            var sha = await ContentHash.OfFileAsync(full, ct).ConfigureAwait(false);
            var named = Path.Combine(Path.GetDirectoryName(rel)!, $"part-{sha[..16]}.parquet");
            names[rel] = named;
            File.Move(full, Path.Combine(tmp, named), overwrite: true);
            rows.Add(new SnapshotCatalog.SnapshotFileRow(named, src, sha,
                await CorpusShardReader.CountRowsAsync(Path.Combine(tmp, named), ct).ConfigureAwait(false), new FileInfo(Path.Combine(tmp, named)).Length));
        }
        for (var i = firstNew; i < documents.Count; i++)
            documents[i] = documents[i] with { File = names[documents[i].File] };
        return rows;
    }

    private static string? CopyIndex(StageTask task, string tmp)
    {
        var indexFiles = task.Plan.Inputs.Where(i => i.Role == TaskOutputFile.Roles.Aux && Path.GetFileName(Path.GetDirectoryName(i.Path)) == "index").ToList();
        if (indexFiles.Count == 0)
            return null;
        var dir = Path.Combine(tmp, "dedup-index");
        Directory.CreateDirectory(dir);
        foreach (var f in indexFiles)
            HardLink.CreateOrCopy(f.Path, Path.Combine(dir, Path.GetFileName(f.Path)));
        return dir;
    }

    /// <summary>The run's earlier stages, their counters summed (duplicates removed, rejects).</summary>
    private static async Task<TaskCounters> EarlierStagesAsync(StageTask task, CancellationToken ct)
    {
        var tasks = await new RunCatalog(task.Catalog).TasksAsync(task.RunId, ct).ConfigureAwait(false);
        return RunCatalog.Sum(tasks.Where(t => t.StageIndex < task.Plan.StageIndex && t.Status == StageTaskStatus.Done));
    }

    private static string SafeName(string src)
    {
        var chars = src.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var s = new string(chars).Trim('.');
        return s.Length == 0 ? "_" : s;
    }
}
