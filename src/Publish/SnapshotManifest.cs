using System.Text.Json;
using MusicPile.Core.Catalog;
using MusicPile.Core.Pipelines;
using MusicPile.Core.Text;

namespace MusicPile.Publish;

/// <summary>
/// What a snapshot holds: its files with checksums and row counts, counts per source, duplicates removed. The id and
/// the manifest hash come from the file list alone, so equal data gives equal snapshots whatever the run.
/// </summary>
internal sealed record SnapshotManifest(string Id, string Sha256, long Documents, string CountsJson, string Json)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static SnapshotManifest Build(StageTask task, string? parent, IReadOnlyList<SnapshotCatalog.SnapshotFileRow> files, Dictionary<string, long> removed)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var canonical = string.Join("\n", ordered.Select(f => $"{f.Path}\t{f.Sha256}\t{f.Rows}"));
        var sha = ContentHash.Of(canonical);
        var id = "s-" + sha[..12];
        var documents = ordered.Sum(f => f.Rows);
        var bySource = ordered.GroupBy(f => f.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Rows));
        var counts = new { by_source = bySource, duplicates_removed = removed };
        var countsJson = JsonSerializer.Serialize(counts);
        var json = JsonSerializer.Serialize(new
        {
            id,
            parent,
            run = task.RunId,
            pipeline = task.Plan.Pipeline.Name,
            config_hash = task.Plan.Pipeline.ConfigHash,
            code_version = PipelineRunner.CodeVersion,
            manifest_sha256 = sha,
            documents,
            by_source = bySource,
            duplicates_removed = removed,
            files = ordered.Select(f => new { path = f.Path, src = f.Source, sha256 = f.Sha256, rows = f.Rows, bytes = f.SizeBytes }),
        }, Options);
        return new SnapshotManifest(id, sha, documents, countsJson, json);
    }
}
