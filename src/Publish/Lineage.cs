using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using Npgsql;

namespace MusicPile.Publish;

/// <summary>
/// <c>musicpile lineage (--document SHA256 | --file PATH | --checkpoint DIR | --export ID)</c>: forward from a document
/// or a raw file to every snapshot, export, training run and checkpoint holding it; back from a checkpoint or an export
/// to its snapshot and the sources and raw files behind it.
/// </summary>
public static class Lineage
{
    public static async Task<LineageReport> OfDocumentAsync(NpgsqlDataSource db, string sha256, CancellationToken ct)
    {
        var sha = Takedowns.CheckSha256(sha256, "lineage --document");
        var report = await ForwardAsync(db, "document", sha, LineageCatalog.Match.Document, ct).ConfigureAwait(false);
        if (report.Snapshots.Count == 0 && !await TakedownCatalog.DocumentKnownAsync(db, sha, ct).ConfigureAwait(false))
            throw MusicPileException.Usage($"lineage --document {sha}: no document with that content hash was ever made or published");
        return report;
    }

    public static async Task<LineageReport> OfFileAsync(NpgsqlDataSource db, string file, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        var report = await ForwardAsync(db, "file", path, LineageCatalog.Match.File, ct).ConfigureAwait(false);
        if (report.Snapshots.Count == 0 && !await TakedownCatalog.FileKnownAsync(db, path, ct).ConfigureAwait(false))
            throw MusicPileException.Usage($"lineage --file {path}: no source has read that file");
        return report;
    }

    /// <summary>A checkpoint folder: the catalog's record of it, else its <c>musicpile.json</c> (snapshot, export).</summary>
    public static async Task<LineageReport> OfCheckpointAsync(NpgsqlDataSource db, string dir, CancellationToken ct)
    {
        var path = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(path))
            throw MusicPileException.Usage($"lineage --checkpoint {path}: no such folder");
        var checkpoint = await LineageCatalog.CheckpointAsync(db, path, ct).ConfigureAwait(false);
        var run = checkpoint is null ? null : await LineageCatalog.TrainRunAsync(db, checkpoint.TrainRunId, ct).ConfigureAwait(false);
        var (metaSnapshot, metaExport) = await ReadCheckpointMetaAsync(path, ct).ConfigureAwait(false);
        var snapshotId = run?.SnapshotId ?? metaSnapshot
            ?? throw MusicPileException.Usage($"lineage --checkpoint {path}: no training run recorded it and it has no musicpile.json naming its snapshot");
        var exportIds = new[] { run?.ExportId, metaExport }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var exports = new List<LineageCatalog.ExportRef>();
        foreach (var id in exportIds)
        {
            if (await LineageCatalog.ExportAsync(db, id, ct).ConfigureAwait(false) is { } e)
                exports.Add(e);
        }
        var snapshot = await LineageCatalog.SnapshotAsync(db, snapshotId, ct).ConfigureAwait(false);
        return new LineageReport("checkpoint", path, snapshot is null ? [] : [snapshot], exports, run is null ? [] : [run],
            checkpoint is null ? [] : [checkpoint])
        {
            Sources = await LineageCatalog.SourcesAsync(db, snapshotId, [], ct).ConfigureAwait(false),
            Files = await LineageCatalog.FilesAsync(db, snapshotId, [], ct).ConfigureAwait(false),
        };
    }

    /// <summary>An export: its snapshot, the training runs on it, and the sources and files of the documents it took.</summary>
    public static async Task<LineageReport> OfExportAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        var export = await LineageCatalog.ExportAsync(db, id, ct).ConfigureAwait(false)
            ?? throw MusicPileException.Usage($"lineage --export {id}: no export of that id");
        var snapshot = await LineageCatalog.SnapshotAsync(db, export.SnapshotId, ct).ConfigureAwait(false);
        var runs = (await LineageCatalog.TrainRunsAsync(db, [], [export.Id], ct).ConfigureAwait(false)).ToList();
        var checkpoints = await LineageCatalog.CheckpointsAsync(db, runs.Select(r => r.Id).ToList(), ct).ConfigureAwait(false);
        return new LineageReport("export", export.Id, snapshot is null ? [] : [snapshot], [export], runs, checkpoints)
        {
            Sources = await LineageCatalog.SourcesAsync(db, export.SnapshotId, [.. export.Srcs], ct).ConfigureAwait(false),
            Files = await LineageCatalog.FilesAsync(db, export.SnapshotId, [.. export.Srcs], ct).ConfigureAwait(false),
        };
    }

    private static async Task<LineageReport> ForwardAsync(NpgsqlDataSource db, string query, string value, LineageCatalog.Match match, CancellationToken ct)
    {
        var snapshots = await LineageCatalog.SnapshotsAsync(db, match, value, ct).ConfigureAwait(false);
        var exports = await LineageCatalog.ExportsAsync(db, match, value, ct).ConfigureAwait(false);
        var runs = await LineageCatalog.TrainRunsAsync(db, snapshots.Select(s => s.Id).ToList(), exports.Select(e => e.Id).ToList(), ct).ConfigureAwait(false);
        var checkpoints = await LineageCatalog.CheckpointsAsync(db, runs.Select(r => r.Id).ToList(), ct).ConfigureAwait(false);
        return new LineageReport(query, value, snapshots, exports, runs, checkpoints);
    }

    private static async Task<(string? Snapshot, string? Export)> ReadCheckpointMetaAsync(string dir, CancellationToken ct)
    {
        var file = Path.Combine(dir, "musicpile.json");
        if (!File.Exists(file))
            return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false));
            string? Get(string name) => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Get("snapshot"), Get("export"));
        }
        catch (JsonException e)
        {
            throw MusicPileException.Usage($"{file}: not valid JSON: {e.Message}");
        }
    }
}
