using MusicPile.Core;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Text;

namespace MusicPile.Ingest;

/// <summary>Lists each source's files, fingerprints them and keeps those that are new or changed since the last run.</summary>
internal static class IngestPlanner
{
    public static async Task<IngestPlan> PlanAsync(StagePlan plan, CancellationToken ct)
    {
        var incremental = plan.Stage.Options.GetBool("incremental", true);
        var files = new List<SourceFile>();
        var deleted = new List<DeletedFile>();
        var unchanged = 0;
        var skipped = new List<SkippedPath>();
        await using var conn = await plan.Catalog.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var source in plan.Pipeline.Sources)
        {
            var sourceId = await SourceFileCatalog.UpsertSourceAsync(conn, source, ct).ConfigureAwait(false);
            var known = (await SourceFileCatalog.FilesAsync(conn, sourceId, ct).ConfigureAwait(false)).ToDictionary(k => k.Path, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var glob = PathGlob.Expand(source.Paths, plan.Pipeline.BaseDir, source.Options.GetBool("follow_links", false));
            skipped.AddRange(glob.Skipped);
            foreach (var path in glob.Files)
            {
                var kind = KindOf(source.Kind, path);
                if (kind is null || !seen.Add(path))
                    continue;
                var info = new FileInfo(path);
                var mtime = info.LastWriteTimeUtc;
                known.TryGetValue(path, out var k);
                if (incremental && k is { Status: "present" } && k.SizeBytes == info.Length && Math.Abs((k.Mtime.ToUniversalTime() - mtime).TotalMilliseconds) < 1)
                {
                    unchanged++;
                    continue;
                }
                var sha = await ContentHash.OfFileAsync(path, ct).ConfigureAwait(false);
                if (incremental && k is { Status: "present" } && k.Sha256 == sha)
                {
                    unchanged++;
                    continue;
                }
                files.Add(new SourceFile(sourceId, source.Name, kind, path, info.Length, mtime, sha, k is null ? "new" : "changed"));
            }
            if (seen.Count == 0 && known.Count == 0)
                throw MusicPileException.Usage($"source '{source.Name}': no files match {string.Join(", ", source.Paths)}" +
                    string.Concat(glob.Skipped.Take(3).Select(x => $"; skipped {x.Path} ({x.Reason}: {x.Detail})")));
            deleted.AddRange(known.Values.Where(k => k.Status == "present" && !seen.Contains(k.Path)).Select(k => new DeletedFile(sourceId, source.Name, k.Path)));
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
