using System.Text.Json;
using MusicPile.Core;
using MusicPile.Core.Catalog;
using MusicPile.Core.Parquet;
using Npgsql;

namespace MusicPile.Publish;

/// <summary>What <c>musicpile snapshot show</c> reports of one snapshot: its lineage, counts and files.</summary>
public sealed record SnapshotReport(string Id, string? Parent, DateTime Created, long? Run, string ConfigHash, string CodeVersion,
    string ManifestSha256, long Documents, JsonElement? BySource, JsonElement? DuplicatesRemoved, IReadOnlyList<SnapshotReport.File> Files)
{
    /// <summary>One Parquet file of the snapshot, relative to its folder.</summary>
    public sealed record File(string Path, string Sha256, long Rows, long Bytes, string Src);

    /// <summary>The report of snapshot <paramref name="idOrLatest"/> (an id or <c>latest</c>).</summary>
    public static async Task<SnapshotReport> LoadAsync(NpgsqlDataSource db, string idOrLatest, CancellationToken ct)
    {
        var s = await SnapshotCatalog.ResolveAsync(db, idOrLatest, ct).ConfigureAwait(false);
        var files = await SnapshotCatalog.FilesAsync(db, s.Id, ct).ConfigureAwait(false);
        var counts = SnapshotCatalog.ParseCounts(s.Counts);
        return new SnapshotReport(s.Id, s.Parent, s.CreatedAt, s.RunId, s.ConfigHash, s.CodeVersion, s.ManifestSha256, s.Documents,
            counts.TryGetValue("by_source", out var bs) ? bs : null,
            counts.TryGetValue("duplicates_removed", out var dr) ? dr : null,
            files.Select(f => new File(f.Path, f.Sha256, f.Rows, f.SizeBytes, f.Source)).ToList());
    }
}
