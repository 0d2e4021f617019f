using MusicPile.Core;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Text;

namespace MusicPile.Ingest;

/// <summary>
/// Lists each source's files, fingerprints them and keeps those that are new or changed since the last run. A file
/// counts as unchanged only when the same configuration read it (<see cref="RecordStages.ProducerHash"/>) and, in a
/// pipeline with a dedup stage, that run registered its documents; a file matched by two sources is read for the first.
/// </summary>
internal static class IngestPlanner
{
    public static async Task<IngestPlan> PlanAsync(StagePlan plan, CancellationToken ct)
    {
        var incremental = plan.Options<IngestOptions>().Incremental;
        var files = new List<SourceFile>();
        var deleted = new List<DeletedFile>();
        var unchanged = 0;
        var pooled = RecordStages.PoolIndex(plan.Pipeline) >= 0;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new List<SkippedPath>();
        await using var conn = await plan.Catalog.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var source in plan.Pipeline.Sources)
        {
            var sourceId = await SourceFileCatalog.UpsertSourceAsync(conn, source, ct).ConfigureAwait(false);
            var producer = RecordStages.ProducerHash(plan.Pipeline, source);
            var known = (await SourceFileCatalog.FilesAsync(conn, sourceId, ct).ConfigureAwait(false)).ToDictionary(k => k.Path, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var glob = PathGlob.Expand(source.Paths, plan.Pipeline.BaseDir, source.Settings.FollowLinks);
            skipped.AddRange(glob.Skipped);
            foreach (var path in glob.Files)
            {
                var kind = KindOf(source.Kind, path);
                if (kind is null || !claimed.Add(path) || !seen.Add(path))
                    continue;
                var info = new FileInfo(path);
                var mtime = info.LastWriteTimeUtc;
                known.TryGetValue(path, out var k);
                var settled = incremental && k is { Status: SourceFileCatalog.Present } && k.Producer == producer && (k.Pooled || !pooled);
                if (settled && k!.SizeBytes == info.Length && Math.Abs((k.Mtime.ToUniversalTime() - mtime).TotalMilliseconds) < 1)
                {
                    unchanged++;
                    continue;
                }
                var sha = await ContentHash.OfFileAsync(path, ct).ConfigureAwait(false);
                if (settled && k!.Sha256 == sha)
                {
                    unchanged++;
                    continue;
                }
                files.Add(new SourceFile(sourceId, source.Name, kind, path, info.Length, mtime, sha, k is null ? "new" : "changed", producer, settled));
            }
            if (seen.Count == 0 && known.Count == 0)
                throw MusicPileException.Usage($"source '{source.Name}': no files match {string.Join(", ", source.Paths)}" +
                    string.Concat(glob.Skipped.Take(3).Select(x => $"; skipped {x.Path} ({x.Reason}: {x.Detail})")));
            deleted.AddRange(known.Values.Where(k => k.Status == SourceFileCatalog.Present && !seen.Contains(k.Path)).Select(k => new DeletedFile(sourceId, source.Name, k.Path)));
        }
        return new IngestPlan(files, deleted, unchanged) { Skipped = skipped };
    }

    /// <summary>The reader for a file: the source's kind, or for <c>auto</c> the file's extension; null skips the file.</summary>
    private static string? KindOf(string sourceKind, string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var byExt = ext switch
        {
            ".abc" => "abc",
            ".jsonl" or ".ndjson" => "jsonl",
            ".parquet" => "parquet",
            ".txt" or ".md" or ".markdown" or ".text" => "text",
            _ => null,
        };
        if (sourceKind == "auto")
            return byExt;
        // A folder given for a source of one kind: take its files of that kind, and any file named explicitly.
        return byExt is null || byExt == sourceKind ? sourceKind : null;
    }
}
